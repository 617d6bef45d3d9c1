"""Timelines of the alliance: YAML in data/timelines/, rendered as tables and a membership chart.

model (records), labels (the words around the data), dates (partial dates and their wording), load
(reading and validation), membership (periods per state), table and chart (view data for the
templates), crossref (article ↔ timeline), project (data folder, article ids, markers in pages).
"""
