#!/usr/bin/env bash
# The benchmark history kept in a data branch of the repository (default `bench-history`), as
# github-action-benchmark keeps its data on gh-pages, but bounded: the branch is one commit holding
# the newest $HISTORY_KEEP result files under results/, replaced (force-pushed) on every append, so
# neither the tree nor the git history grows without limit.
#
#   scripts/history-branch.sh fetch DIR           the branch's results/ into DIR/results (none yet: empty)
#   scripts/history-branch.sh append RESULT.json  add a result file, prune, push
#
# Environment: HISTORY_BRANCH (bench-history), HISTORY_REMOTE (origin), HISTORY_KEEP (500).
# Run from a clone whose remote can be pushed to (in GitHub Actions: actions/checkout with a token
# that has `contents: write`). Files are named <commit time>-<sha>.json, so name order is commit order.
# Nothing in the current checkout (index, work tree, branches) is touched.
set -euo pipefail

branch="${HISTORY_BRANCH:-bench-history}"
remote="${HISTORY_REMOTE:-origin}"
keep="${HISTORY_KEEP:-500}"

usage() {
  echo "usage: $0 fetch DIR | append RESULT.json" >&2
  exit 2
}

# The branch's files into $1 (results/ and README.md); returns 1 when the branch does not exist yet.
checkout_into() {
  local dir="$1"
  mkdir -p "$dir/results"
  if git fetch --quiet --no-tags --depth=1 "$remote" "+refs/heads/$branch:refs/remotes/$remote/$branch" 2>/dev/null; then
    git archive "refs/remotes/$remote/$branch" | tar -x -C "$dir"
    return 0
  fi
  return 1
}

case "${1:-}" in
  fetch)
    [ $# -eq 2 ] || usage
    if checkout_into "$2"; then
      echo "history: $(find "$2/results" -name '*.json' | wc -l) result file(s) from $branch"
    else
      echo "history: no $branch branch yet"
    fi
    ;;
  append)
    [ $# -eq 2 ] || usage
    result="$2"
    # <commit time>-<sha>.json from the file's meta.git (the run time for files without a commit time).
    name="$(node -e '
      const meta = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).meta ?? {};
      const git = meta.git ?? {};
      const time = new Date(git.commitTime ?? meta.createdAt ?? Date.now()).toISOString().replace(/[:.]/g, "-");
      console.log(`${time}-${(git.sha ?? "nosha").slice(0, 12)}.json`);
    ' "$result")"
    work="$(mktemp -d)"
    index="$(mktemp -u)"
    trap 'rm -rf "$work" "$index"' EXIT
    checkout_into "$work" || true
    cp "$result" "$work/results/$name"
    # Prune: keep the newest $keep files by name (= by commit time).
    find "$work/results" -name '*.json' | sort | head -n "-$keep" | xargs -r rm -f
    count="$(find "$work/results" -name '*.json' | wc -l)"
    cat > "$work/README.md" <<EOF
# serbench benchmark history

The merged result of every push to the main branch (newest $keep kept), one file per commit, named
<commit time>-<sha>.json. Written by .github/workflows/bench.yml (scripts/history-branch.sh); read with

    npm run history -- results/

This branch is replaced by one new commit on every append.
EOF
    export GIT_INDEX_FILE="$index"
    git --work-tree="$work" add --all .
    tree="$(git write-tree)"
    unset GIT_INDEX_FILE
    commit="$(GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-github-actions[bot]}" GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}" \
      GIT_COMMITTER_NAME="${GIT_COMMITTER_NAME:-github-actions[bot]}" GIT_COMMITTER_EMAIL="${GIT_COMMITTER_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}" \
      git commit-tree "$tree" -m "benchmark history: $count result file(s), newest $name")"
    git push --quiet --force "$remote" "$commit:refs/heads/$branch"
    echo "history: $name appended to $branch ($count file(s))"
    ;;
  *)
    usage
    ;;
esac
