#!/usr/bin/env bash
# One tracking issue for the weekly link report: opened or updated while something needs action,
# closed when nothing does. Usage: linkcheck-issue.sh REPORT.md NEEDS-ACTION-FILE (needs gh, GH_TOKEN).
set -euo pipefail
report="${1:?usage: linkcheck-issue.sh REPORT.md NEEDS-ACTION-FILE}"
needs_action="${2:?usage: linkcheck-issue.sh REPORT.md NEEDS-ACTION-FILE}"
label="linkcheck"
title="Cited links need action"

gh label create "$label" --color B60205 --description "Weekly link check and archive" --force >/dev/null
number="$(gh issue list --label "$label" --state open --limit 1 --json number --jq '.[0].number // empty')"

if [ -e "$needs_action" ]; then
  if [ -n "$number" ]; then
    gh issue edit "$number" --body-file "$report"
  else
    gh issue create --title "$title" --label "$label" --body-file "$report"
  fi
elif [ -n "$number" ]; then
  gh issue close "$number" --comment "Nothing needs action after the latest check${RUN_URL:+ ($RUN_URL)}."
fi
