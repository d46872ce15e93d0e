# Shared by the scripts under Tests/scripts; source it, don't run it:
#   . "$(dirname "$0")/../lib.sh"     (or ./lib.sh from Tests/scripts itself)
#   use_pipe_binary "${1:-}"          # $pipe: the binary's absolute path, or exit 2
#   enter_work_folder                 # $work: a new temporary folder, removed on exit; cd into it

use_pipe_binary() {
    pipe=${1:?usage: $0 PIPE_BINARY}
    [ -x "$pipe" ] || { echo "no pipe binary at $pipe"; exit 2; }
    pipe=$(cd "$(dirname "$pipe")" && pwd)/$(basename "$pipe")
}

enter_work_folder() {
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    cd "$work"
}
