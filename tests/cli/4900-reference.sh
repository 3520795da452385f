#!/bin/sh
# hh-report on the reference centre (DOMAIN Part A §8): a tree built through
# hh-intake, hh-route and hh-return in batches gives the published totals,
# and every month of the window keeps the invariant and chains to the next.
#
# make check runs it at a tenth of the size (REF_SCALE=10, 1,232
# dossiers); make check-long at full size (REF_SCALE=1, 12,321 dossiers,
# a few minutes).
. tests/cli/lib.sh
. tests/cli/reference.sh
scale=${REF_SCALE:-10}
plan 16
t0=$(date +%s)
reference_tree "$scale" || { echo "Bail out! the reference tree"; exit 1; }
t1=$(date +%s)
echo "# scale 1/$scale: $REF_N dossiers built in $((t1 - t0)) s"

good=$((REF_EARLY + REF_ONTIME))
rate=$(awk -v g=$good -v r=$REF_RESOLVED 'BEGIN {
	printf "%d.%02d", int((g * 20000 + r) / (2 * r)) / 100,
	    int((g * 20000 + r) / (2 * r)) % 100 }')
[ "$scale" = 1 ] && check_eq "the published rate" 57.76 "$rate"
[ "$scale" = 1 ] || ok "scale 1/$scale: rate $rate"

hh-report --from "$REF_FROM" --to "$REF_TO" --format json >"$T/window.json"
t2=$(date +%s)
echo "# the window's report in $((t2 - t1)) s"
check_eq "received, none carried" "$REF_N 0" \
    "$(jq -r '.total.received | "\(.total) \(.carried)"' "$T/window.json")"
check_eq "resolved; early or on time; late" \
    "$REF_RESOLVED $good $REF_LATE" \
    "$(jq -r '.total.resolved | "\(.total) \(.early + .on_time) \(.late)"' "$T/window.json")"
check_eq "early, on time" "$REF_EARLY $REF_ONTIME" \
    "$(jq -r '.total.resolved | "\(.early) \(.on_time)"' "$T/window.json")"
check_eq "open at the end (waiting for a supplement among them)" \
    "$REF_OPEN $REF_WAITING" \
    "$(jq -r '.total.open | "\(.within + .overdue + .waiting_supplement) \(.waiting_supplement)"' "$T/window.json")"
check_eq "withdrawn" "$REF_WITHDRAWN" \
    "$(jq -r .total.withdrawn "$T/window.json")"
check "the rate, to two decimals" \
    grep -q "'\"on_time_rate\":	$rate\$'" "$T/window.json"
check_eq "16 fields" 16 "$(jq '.rows | length' "$T/window.json")"
check_eq "237 procedures" 237 \
    "$(hh-report --from "$REF_FROM" --to "$REF_TO" --by procedure --format json | jq '.rows | length')"

# Month by month: the invariant on every row (hh-report checks it and
# fails otherwise; checked again here), open at the end = carried next.
m=2015-08
: >"$T/months"
fails=0
while :; do
	if ! hh-report --month $m --format json >"$T/m.json"; then
		fails=$((fails + 1))
	fi
	jq -r --arg m $m '[$m, .total.received.carried,
	    .total.received.online + .total.received.direct,
	    .total.resolved.total, .total.resolved.early + .total.resolved.on_time,
	    .total.withdrawn, .total.open.total,
	    ([.rows[], .total | select(.received.total !=
	    .resolved.total + .withdrawn + .open.total)] | length)] | @tsv' \
	    "$T/m.json" >>"$T/months"
	[ $m = 2016-10 ] && break
	y=${m%-*}; n=${m#*-}; n=${n#0}
	if [ $n = 12 ]; then m=$((y + 1))-01; else m=$y-$(printf %02d $((n + 1))); fi
done
t3=$(date +%s)
echo "# 15 monthly reports in $((t3 - t2)) s"
check_eq "every month's report produced" 0 $fails
check_eq "every row of every month keeps the invariant" 0 \
    "$(awk -F '\t' '{ s += $8 } END { print s }' "$T/months")"
check_eq "open at the end of a month = carried into the next" "" \
    "$(awk -F '\t' 'NR > 1 && $2 != open { print $1 } { open = $7 }' "$T/months")"
check_eq "the months add up to the window" \
    "$REF_N $REF_RESOLVED $good $REF_WITHDRAWN" \
    "$(awk -F '\t' '$1 != "2016-10" { n += $3; r += $4; g += $5; w += $6 }
	END { print n, r, g, w }' "$T/months")"
check_eq "October: carries the window's open, resolves some" \
    "$REF_OPEN $REF_LATER" \
    "$(awk -F '\t' '$1 == "2016-10" { print $2, $4 }' "$T/months")"
check_eq "a month printed later reads the same" \
    "$(hh-report --month 2016-09 --format json | jq -c 'del(.source)')" \
    "$(HH_NOW=2030-01-01T00:00:00+07:00 hh-report --month 2016-09 --format json | jq -c 'del(.source)')"
# The whole history replayed: every step legal, and every dossier's stored
# status the one its events give (the one life, hh_audit_schema).
check "hh-check of the reference centre: 0 findings" "hh-check --quiet"
done_testing
