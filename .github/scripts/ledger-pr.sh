#!/usr/bin/env bash
# Propose the updated link ledger (data/links.json) as one pull request from one branch, refreshed each
# week; nothing happens when the ledger did not change. Usage: ledger-pr.sh REPORT.md (needs gh, GH_TOKEN).
set -euo pipefail
report="${1:?usage: ledger-pr.sh REPORT.md}"
ledger="data/links.json"
branch="linkcheck/ledger"
base="${BASE_BRANCH:-main}"

if [ -z "$(git status --porcelain -- "$ledger")" ]; then
  echo "The ledger did not change."
  exit 0
fi
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git switch -C "$branch"
git add -- "$ledger"
git commit --quiet -m "Link ledger: checks and archived copies of $(date -u +%Y-%m-%d)"
git push --force --quiet origin "$branch"

number="$(gh pr list --head "$branch" --base "$base" --state open --json number --jq '.[0].number // empty')"
if [ -n "$number" ]; then
  gh pr edit "$number" --body-file "$report"
else
  gh pr create --head "$branch" --base "$base" --title "Link ledger: weekly check and archive" --body-file "$report"
fi
