"""Every word the timelines add around the editors' data, in German and English.

Kinds of entries (from the data's `kind` field), table headers, chart legend and link wording.
"""
from __future__ import annotations

from edition.timelines.model import Text

# What each timeline's `kind` field may say, with its label; a timeline not named here has no kinds.
KINDS: dict[str, dict[str, Text]] = {
    "membership": {
        "signature": Text("Unterzeichnung", "Signature"),
        "accession": Text("Beitritt", "Accession"),
        "withdrawal": Text("Austritt", "Withdrawal"),
        "suspension": Text("Aussetzung", "Suspension"),
        "return": Text("Rückkehr", "Return"),
        "freeze": Text("Eingefroren", "Freeze"),
    },
    "leaders": {
        "secretary-general": Text("Generalsekretär", "Secretary-General"),
        "chief-of-staff": Text("Chef des Vereinten Stabes", "Chief of the Joint Staff"),
    },
    "exercises": {
        "exercise": Text("Übung", "Exercise"),
        "operation": Text("Einsatz", "Operation"),
    },
}

UI: dict[str, Text] = {
    "date": Text("Datum", "Date"),
    "term": Text("Amtszeit", "Term"),
    "event": Text("Ereignis", "Event"),
    "person": Text("Person", "Person"),
    "response": Text("Reaktion der OVKS", "What the CSTO did"),
    "states": Text("Staaten", "States"),
    "sources": Text("Quellen", "Sources"),
    "in-text": Text("Im Text", "In the text"),
    "since": Text("seit {date}", "since {date}"),
    "acting": Text("kommissarisch", "acting"),
    "cancelled": Text("abgesagt", "cancelled"),
    "paragraph": Text("Absatz {number}", "paragraph {number}"),
    "paragraph-de": Text("Absatz {number}", "paragraph {number} (German original)"),
    "refs": Text("Zeitleiste", "Timeline"),
    "annotation": Text("Anmerkung der Redaktion", "Editors' note"),
    "chart-title": Text("Mitgliedschaft im Vertrag über kollektive Sicherheit und in der OVKS, 1992 bis heute",
                        "Membership of the Collective Security Treaty and the CSTO, 1992 to today"),
    "chart-desc": Text("Eine Zeile je Staat; Balken zeigen die Zeiten der Mitgliedschaft, schraffierte Abschnitte "
                       "eine Aussetzung, gepunktete Abschnitte eine eingefrorene Beteiligung. Stand: {date}.",
                       "One row per state; bars show the periods of membership, hatched sections a suspension, "
                       "dotted sections a frozen participation. As of {date}."),
    "chart-text": Text("Das Diagramm als Text", "The chart as text"),
    "member": Text("Mitglied", "Member"),
    "suspended": Text("Mitgliedschaft ausgesetzt", "Membership suspended"),
    "frozen": Text("Beteiligung eingefroren", "Participation frozen"),
    "scroll": Text("Diagramm, waagerecht verschiebbar", "Chart, scrolls sideways"),
}
