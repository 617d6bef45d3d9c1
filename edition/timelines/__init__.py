"""Timelines of the alliance: YAML in data/timelines/, rendered as tables and a membership chart.

model (records), dates (partial dates and their wording), load (reading and validation), membership
(periods per state), table and chart (view data for the templates), crossref (article ↔ timeline).
"""
