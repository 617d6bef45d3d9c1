"""Authoring in the editors' preview (`make serve` only, never in the built site).

server (the preview: build-and-swap, error page, Host/Origin/token fence) · api (the form's requests) ·
selectors (a selected phrase → exact, prefix, suffix found once) · writer (annotation files, round-trip
YAML that keeps comments and key order) · templates/ (error page, form) · static/ (script, styles).
"""
