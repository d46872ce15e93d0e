#!/usr/bin/env bash
# The project may need only what a fresh machine has. Checks that every system
# library Package.swift names (`providers: [.apt([...])]` packages and `pkgConfig:`
# modules) and every shared library the built binary links (ldd), plus the libraries
# it loads at run time (dlopen), belong to a Debian package listed in
# .ci/fresh-machine-packages.txt. Libraries of the Swift toolchain (/opt/swift, or
# wherever `swift` lives) are the toolchain's, not the system's.
# CI's machine keeps packages installed by earlier runs, so a build that passes there
# proves nothing about a fresh one: this check does. Usage:
#   .ci/check-system-libraries.sh [PIPE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/debug/pipe}
allowed=.ci/fresh-machine-packages.txt
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
# Libraries `pipe` opens with dlopen: Sources/PipelineKit/Input/Gzip.swift (LibDeflate).
runtime_loaded=("libdeflate.so.0")
problems=0

allowed_package() { grep -qx -- "$1" <(grep -v '^#' "$allowed"); }
complain() { echo "  NOT ON A FRESH MACHINE: $*"; problems=$((problems + 1)); }

# The Debian package owning a file; tries the path as given and with /usr (merged /usr).
owner() {
    local path=$1 found
    for candidate in "$path" "$(readlink -f "$path")" "/usr${path#/usr}" "${path#/usr}"; do
        found=$(dpkg -S "$candidate" 2>/dev/null | awk -F: 'NR == 1 { print $1 }') && [ -n "$found" ] && { echo "$found"; return; }
    done
    echo ""
}

echo "Package.swift: apt providers"
for package in $(grep -o '\.apt(\[[^]]*\])' Package.swift | grep -o '"[^"]*"' | tr -d '"'); do
    if allowed_package "$package"; then echo "  $package"; else complain "$package (Package.swift providers)"; fi
done

echo "Package.swift: pkg-config modules"
for module in $(grep -o 'pkgConfig: "[^"]*"' Package.swift | cut -d'"' -f2); do
    dir=$(pkg-config --variable=pcfiledir "$module" 2>/dev/null || true)
    if [ -z "$dir" ]; then complain "pkg-config module $module (no $module.pc installed)"; continue; fi
    package=$(owner "$dir/$module.pc")
    if [ -n "$package" ] && allowed_package "$package"; then echo "  $module ($package)"; else complain "pkg-config module $module (${package:-no package})"; fi
done

echo "$binary: linked libraries"
[ -x "$binary" ] || { echo "no binary at $binary (swift build first)"; exit 2; }
while read -r name path; do
    case "$path" in
        "$toolchain"/*) continue ;;
        /*) ;;
        *) continue ;;  # linux-vdso and the loader's own line
    esac
    package=$(owner "$path")
    if [ -n "$package" ] && allowed_package "$package"; then echo "  $name ($package)"; else complain "$name at $path (${package:-no package})"; fi
done < <(ldd "$binary" | awk '/=>/ { print $1, $3 }')

echo "libraries loaded at run time"
for soname in "${runtime_loaded[@]}"; do
    path=$(ldconfig -p | awk -v n="$soname" '$1 == n && !found { print $NF; found = 1 }')
    if [ -z "$path" ]; then echo "  $soname: absent (the slower fallback is used)"; continue; fi
    package=$(owner "$path")
    if [ -n "$package" ] && allowed_package "$package"; then echo "  $soname ($package)"; else complain "$soname at $path (${package:-no package})"; fi
done

if [ "$problems" -gt 0 ]; then
    echo "$problems system libraries are not on a fresh machine: a new user's first command would fail."
    echo "Load them at run time with a fallback, or vendor them; see .ci/fresh-machine-packages.txt."
    exit 1
fi
echo "every system library is on a fresh machine"
