#!/bin/sh
# t4205: log's formats - medium, oneline, short, full, fuller, raw,
# format: and tformat: with every supported placeholder, --abbrev-commit,
# --abbrev, core.abbrev, --date modes - over a history made by git with
# several time zones, and over commits with awkward messages (written
# raw, so nothing cleaned them up).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/history.sh"
setup_twins
rm -rf "$A" "$B"
make_history "$B" 300 skew >/dev/null 2>&1 || { echo "Bail out! history"; exit 1; }
cp -al "$B" "$A"

# Awkward messages, stored verbatim: raw commit objects made in both twins.
raw_commit() {	# raw_commit BRANCH MESSAGE-PRINTF-FORMAT
	in_both "_t=\$(\"\$REAL_GIT\" rev-parse HEAD^{tree}) && _p=\$(\"\$REAL_GIT\" rev-parse HEAD) &&
		printf 'tree %s\\nparent %s\\nauthor Ann Ö <ann@example.com> 1112911993 +0530\\ncommitter Com Mitter <c@example.com> 1112912000 -1230\\n\\n$2' \"\$_t\" \"\$_p\" >\"\$W/raw.\$\$\" &&
		_c=\$(\"\$REAL_GIT\" hash-object -w -t commit \"\$W/raw.\$\$\") &&
		\"\$REAL_GIT\" update-ref refs/heads/$1 \"\$_c\" && \"\$REAL_GIT\" checkout -q $1" ||
		{ echo "Bail out! raw commit $1"; exit 1; }
}
raw_commit leading '\n\n  \nsubject after blank lines\n\nbody\n'
raw_commit trailing 'subject with trailing spaces   \n\nbody line   \n\t\n\n\n'
raw_commit tabs 'tab\\there\n\n\tx\ty\n12345\tz\nÜnï\tcode\n'
raw_commit multi 'first subject line\nsecond subject line\n\nbody\n'
raw_commit empty ''
raw_commit nonl 'no newline at the end'
raw_commit crlf 'windows subject\r\n\r\nbody\r\n'
raw_commit percent '100%% sure %%s\n'

for fmt in medium oneline short full fuller raw; do
	expect_same "--pretty=$fmt" log --pretty=$fmt
	expect_same "--format=$fmt --abbrev-commit" log --format=$fmt --abbrev-commit -n 30
done
expect_same '--pretty with no value' log --pretty -n 5
expect_same '--oneline' log --oneline
expect_same '--oneline --all --decorate' log --oneline --all --decorate
expect_same '--oneline --no-abbrev-commit' log --oneline --no-abbrev-commit -n 5
expect_same '--abbrev-commit' log --abbrev-commit -n 10
expect_same '--abbrev=10 --oneline' log --abbrev=10 --oneline -n 10
expect_same '--abbrev=4 --oneline (unique prefixes grow)' log --abbrev=4 --oneline

P='%H|%h|%T|%t|%P|%p|%an|%ae|%ad|%at|%ai|%aI|%aD|%as|%cn|%ce|%cd|%ct|%ci|%cI|%cD|%cs'
expect_same 'tformat: ids and people' log --format="tformat:$P"
expect_same 'a bare format is tformat:' log --format="$P"
expect_same 'format: separates, tformat: terminates' log --format='format:%h %s'
expect_same '--pretty=format: with %n' log --pretty='format:%h%n%s%n'
expect_same '%s %b %B' log --format='[%s]%n[%b]%n[%B]'
expect_same '%% %n %x00 %x41 and unknown placeholders' log -n 20 --format='%%|%n|%x00|%x41|%q|%a|%ax|%c|%xZZ|%'
expect_same '%d and %D with --decorate' log --all --decorate --format='%h%d|%D'
expect_same '%d and %D without --decorate' log --all --format='%h%d|%D'
expect_same '%d with --decorate=full' log --all --decorate=full --format='%d'
expect_same '%d with --no-decorate' log --all --no-decorate --format='%d'
for mode in default iso iso8601 iso-strict rfc short raw unix; do
	expect_same "--date=$mode" log --date=$mode -n 40
	expect_same "--date=$mode in fuller and %ad %cd" log --date=$mode --format='%ad|%cd' -n 40
done
in_both '"$REAL_GIT" config core.abbrev 12'
expect_same 'core.abbrev=12' log --oneline -n 10
expect_same 'core.abbrev=12 and merges' log --format='%h %p %t' -n 50 master
in_both '"$REAL_GIT" config --unset core.abbrev'
expect_same 'Merge: lines' log --first-parent -n 60 master
expect_same_err 'an unknown --pretty format' log --pretty=nope
expect_same_err 'an unknown --date mode' log --date=nope

fsck_ok
finish
