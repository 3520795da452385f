# reference.sh - a records tree like the reference centre's, built through
# the real commands; sourced after lib.sh by the reference tests.
#
# The reference centre (DOMAIN Part B, Hưng Hà 1/8/2015-30/9/2016): 237
# procedures in 16 fields; 12,321 dossiers received, 9,788 resolved in the
# window (5,654 early or on time: 57.76 %), 1,923 open at its end, 610
# withdrawn.  The procedures, applicants and times are synthetic.
#
# reference_tree SCALE builds it in $R with the figures divided by SCALE
# (1: the full centre; 10: 1,232 dossiers) and sets REF_* to the expected
# totals.  Everything is deterministic: the same SCALE gives the same tree.

REF_FROM=2015-08-01
REF_TO=2016-09-30

# The figures of a scale: received, early, on time, late, open, withdrawn,
# and among the open ones: waiting for a supplement, resolved after the
# window (in October).
reference_figures() {
	case $1 in
	1)	set -- 12321 3012 2642 4134 1923 610 120 300 ;;
	10)	set -- 1232 301 264 414 192 61 12 30 ;;
	*)	echo "reference_figures: scale 1 or 10" >&2; return 1 ;;
	esac
	REF_N=$1 REF_EARLY=$2 REF_ONTIME=$3 REF_LATE=$4 REF_OPEN=$5
	REF_WITHDRAWN=$6 REF_WAITING=$7 REF_LATER=$8
	REF_RESOLVED=$((REF_EARLY + REF_ONTIME + REF_LATE))
}

# 237 synthetic procedures in 16 fields, into directory $1.
reference_procedures() {
	awk -v dir="$1" 'BEGIN {
		split("1 2 3 5 7 10 15 20", wd, " ")
		split("tp tnmt motcua tp tnmt", dept, " ")
		for (p = 0; p < 237; p++) {
			f = p % 16 + 1
			file = sprintf("%s/REF-%02d-%03d.json", dir, f, p + 1)
			if (p % 9 == 4)
				limit = sprintf("\"calendar_days\":\t%d",
				    (p % 4 + 1) * 5)
			else
				limit = sprintf("\"working_days\":\t%d",
				    wd[p % 8 + 1])
			printf "{\n\t\"code\":\t\"REF-%02d-%03d\",\n", f, p + 1 > file
			printf "\t\"name\":\t\"Thủ tục mẫu %03d (dữ liệu thử)\",\n", p + 1 > file
			printf "\t\"field\":\t\"Lĩnh vực mẫu %02d\",\n", f > file
			printf "\t\"department\":\t\"%s\",\n", dept[f % 5 + 1] > file
			printf "\t%s,\n", limit > file
			printf "\t\"documents\":\t[],\n\t\"fee\":\tnull,\n" > file
			printf "\t\"level\":\t\"huyen\",\n" > file
			printf "\t\"source\":\t\"synthetic test data\"\n}\n" > file
			close(file)
		}
	}'
}

# The awk date functions: a day is counted from 1970-01-01 = 0; an
# instant is local seconds (everything is at +07:00).
REF_AWK_DATES='
function days_from_civil(y, m, d,    era, yoe, doy, doe) {
	y -= (m <= 2)
	era = int(y / 400)
	yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}
function civil(z,    era, doe, yoe, y, doy, mp, d, m) {
	z += 719468
	era = int(z / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - \
	    int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
function parse(s) {
	return days_from_civil(substr(s, 1, 4) + 0, substr(s, 6, 2) + 0,
	    substr(s, 9, 2) + 0) * 86400 + substr(s, 12, 2) * 3600 + \
	    substr(s, 15, 2) * 60 + substr(s, 18, 2)
}
function fmt(t,    day, s) {
	day = int(t / 86400)
	s = t - day * 86400
	return sprintf("%sT%02d:%02d:%02d+07:00", civil(day), int(s / 3600),
	    int(s / 60) % 60, s % 60)
}
'

# reference_tree SCALE: the share dir, the tree in $R, the dossiers.
reference_tree() {
	reference_figures "$1" || return 1
	mkdir -p "$T/share/records" "$T/share/procedures" "$T/ref"
	cp "$TOP/tests/fixtures/center.json" "$T/share/records/"
	cp "$TOP/records/calendar" "$T/share/records/"
	reference_procedures "$T/share/procedures"
	export HH_SHARE="$T/share" HH_FSYNC=0
	R="$T/records"
	HH_NOW=2015-07-01T08:00:00+07:00 hh-init "$R" >/dev/null
	# late enough for every event; the dossiers open at the end of the
	# window stay open (but those resolved in October)
	export HH_NOW=2017-01-02T08:00:00+07:00 HH_RECORDS="$R"
	export HH_ACTOR=admin

	# intake: spread over the weekdays of the window, 07:40 to 16:39
	awk -v n="$REF_N" -v from="$REF_FROM" -v to="$REF_TO" \
	    "$REF_AWK_DATES"'BEGIN {
		a = days_from_civil(substr(from, 1, 4), substr(from, 6, 2),
		    substr(from, 9, 2))
		b = days_from_civil(substr(to, 1, 4), substr(to, 6, 2),
		    substr(to, 9, 2))
		for (d = a; d <= b; d++)
			if ((d + 4) % 7 >= 1 && (d + 4) % 7 <= 5)
				day[nd++] = d
		for (i = 0; i < n; i++) {
			d = day[int(i * nd / n)]
			t = d * 86400 + 7 * 3600 + 40 * 60 + (i * 37 % 540) * 60
			p = i * 7 % 237
			ch = i % 4 == 1 ? "online" : i % 13 == 2 ? "postal" : \
			    "direct"
			printf "{\"procedure\":\"REF-%02d-%03d\",", p % 16 + 1, p + 1
			printf "\"applicant\":\"Công dân thử %05d\",", i + 1
			printf "\"channel\":\"%s\",\"at\":\"%s\"}\n", ch, fmt(t)
		}
	}' >"$T/ref/intake.jsonl"
	hh-intake --batch "$T/ref/intake.jsonl" >"$T/ref/codes" || return 1

	# every dossier's receipt, legal due and department, in code order
	find "$R/dossiers" -name '*.json' -exec jq -r \
	    '[.code, .received_at, .due_at, .procedure.department] | @tsv' \
	    {} + | sort >"$T/ref/dossiers.tsv"

	# the fates, drawn with exact quotas: the dossiers due after the
	# window first (they can be early, open or withdrawn only)
	awk -F '\t' -v end="${REF_TO}T23:59:59+07:00" \
	    -v e="$REF_EARLY" -v o="$REF_ONTIME" -v l="$REF_LATE" \
	    -v op="$REF_OPEN" -v w="$REF_WITHDRAWN" -v ws="$REF_WAITING" \
	    -v lt="$REF_LATER" -v dir="$T/ref" "$REF_AWK_DATES"'
	function rnd(n) {
		seed = seed * 16807 % 2147483647
		return seed % n
	}
	function pick(i, bound,    k, tot, r) {
		tot = 0
		for (k = 1; k <= 5; k++)
			if (k <= 1 || k >= 4 || !bound)
				tot += q[k]
		r = rnd(tot)
		for (k = 1; k <= 5; k++) {
			if (k > 1 && k < 4 && bound)
				continue
			if (r < q[k])
				break
			r -= q[k]
		}
		q[k]--
		fate[i] = k
	}
	{ code[NR] = $1; rec[NR] = parse($2); due[NR] = parse($3)
	  dept[NR] = $4 }
	END {
		seed = 20160930
		T = parse(end)
		# 1 early, 2 on time, 3 late, 4 open, 5 withdrawn
		q[1] = e; q[2] = o; q[3] = l; q[4] = op; q[5] = w
		for (i = 1; i <= NR; i++)
			if (due[i] + 60 > T)
				pick(i, 1)
		for (i = 1; i <= NR; i++)
			if (due[i] + 60 <= T)
				pick(i, 0)
		for (k = 1; k <= 5; k++)
			if (q[k] != 0) {
				print "quota " k " left: " q[k] > "/dev/stderr"
				exit 1
			}
		off["tp"] = "minh"; off["tnmt"] = "thu"
		nw = ws; nl = lt
		for (i = 1; i <= NR; i++) {
			k = fate[i]
			# a third go to their department first; a supplement
			# is asked for by the department
			routed = i % 3 == 0 && dept[i] != "motcua"
			if (routed) {
				printf "{\"code\":\"%s\",\"at\":\"%s\",\"to\":\"%s\"", \
				    code[i], fmt(rec[i] + 30), dept[i] > (dir "/route.jsonl")
				if (dept[i] in off)
					printf ",\"officer\":\"%s\"", off[dept[i]] > (dir "/route.jsonl")
				printf "}\n" > (dir "/route.jsonl")
			}
			if (k == 1) {
				t = due[i] - 86400
				if (t < rec[i] + 60 || t > T)
					t = rec[i] + 60
			} else if (k == 2)
				t = due[i]
			else if (k == 3)
				t = due[i] + 60
			if (k <= 3)
				printf "{\"code\":\"%s\",\"at\":\"%s\",\"done\":true%s}\n", \
				    code[i], fmt(t), i % 11 == 0 ? \
				    ",\"outcome\":\"refused\",\"reason\":\"không đủ điều kiện\"" : \
				    "" > (dir "/close.jsonl")
			if (k == 5)
				printf "{\"code\":\"%s\",\"at\":\"%s\",\"withdraw\":true}\n", \
				    code[i], fmt(rec[i] + 3600) > (dir "/withdraw.jsonl")
			if (k == 4 && nw > 0 && routed) {
				nw--
				printf "{\"code\":\"%s\",\"at\":\"%s\",\"supplement\":\"thiếu giấy tờ (thử)\"}\n", \
				    code[i], fmt(rec[i] + 1800) > (dir "/close.jsonl")
			} else if (k == 4 && nl > 0 && i % 2 == 0) {
				nl--
				printf "{\"code\":\"%s\",\"at\":\"%s\",\"done\":true}\n", \
				    code[i], fmt(T + 1 + 86400 * 2 + 9 * 3600) > (dir "/close.jsonl")
			}
		}
	}' "$T/ref/dossiers.tsv" || return 1
	hh-route --batch "$T/ref/route.jsonl" >/dev/null || return 1
	hh-route --batch "$T/ref/close.jsonl" >/dev/null || return 1
	hh-return --batch "$T/ref/withdraw.jsonl" >/dev/null || return 1
}
