#!/bin/sh
# The configuration matrix as a Markdown table, from the layout tool (board data):
#   configs-table.sh build/fw/layout-tool
# docs/configurations.md holds its output between the "matrix" markers; a test checks that
# the document matches the board data.
set -eu
"$1" --matrix | awk '
    BEGIN { print "| board | model | CODE_AREA | DATA_AREA | BINARY_AREA |"; print "|---|---|---|---|---|" }
    { printf "| %s | %s | %s | %s | %s |\n", $1, ($4 == "-" ? "XiP" : "BootROM"), $2, $3, ($4 == "-" ? "" : $4); n[$1]++ }
    END { printf "\n"; for (b in n) printf "%s\n", b " " n[b] | "sort"; }' |
    awk '/^stm32/ && NF == 2 { printf "- %s: %d cells\n", $1, $2; next } { print }'
