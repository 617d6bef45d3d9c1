"""The edition's rules as plain Python: text blocks, languages, markers, annotations, timelines.

MkDocs hooks in ../hooks are thin adapters over these modules, so the rules are tested without MkDocs.
"""
