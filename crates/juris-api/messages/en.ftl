# juris message catalog: English.
# Every key here exists in es.ftl with the same variables (tests/catalog.rs checks it).
# The words of the law (quoted text, citations, titles) are never in this file.

## Outcomes

outcome-required = required
outcome-permitted = permitted
outcome-prohibited = prohibited
outcome-unregulated = unregulated
outcome-uncertain = uncertain
headline-required = REQUIRED
headline-permitted = PERMITTED
headline-prohibited = PROHIBITED
headline-unregulated = UNREGULATED (no rule in force speaks to it)
headline-uncertain = UNCERTAIN
confidence-sourced = sourced
confidence-secondary = secondary
confidence-uncertain = uncertain

## Why a rule did not decide

override-exception = an exception applies
override-later-document = a later document governs
override-declared-override = another document declares it prevails
override-lower-layer = a lower layer restricts it
override-preemption = a higher layer prevails

## Conflicts between rules

conflict-within-document = { $rules } give different outcomes in one document with no exception between them
conflict-same-date = { $rules } took effect the same day with different outcomes
conflict-preemption = { $higher } ({ $higher-outcome }) cannot be displaced by the lower layer's { $lower } ({ $lower-outcome }): the higher layer prevails

## Open questions

uncertainty-rule = the rule `{ $rule }` is unsettled: { $reason }
uncertainty-class = the class `{ $class }` is too coarse to tell: { $reason }

## The text form of a decision

decision-heading = { $place } ({ $jurisdiction }) · { $agency } · { $action } · as of { $date }
decision-assuming-enacted = assuming enacted: { $bills }
decision-could-be = could be: { $outcomes }
decision-depends-on = depends on facts not given: { $facts }
decision-open-question = open question ({ $source }): { $reason }
decision-decided-by = Decided by
decision-obligations = Obligations
decision-overridden = Overridden
decision-conflicts = Conflicts
decision-advice = Advice (guidance; does not decide)
decision-at = at: { $section }
decision-source = source: { $source }
decision-corpus = corpus { $hash }
decision-case-unless = { $usual } unless { $when }, then { $exception }
decision-cases = Depends on
decision-case = { $answer } when { $when }
decision-case-by = by: { $rules }
decision-case-unsettled = UNCERTAIN ({ $outcomes }: unsettled law)
decision-case-unregulated = UNREGULATED
decision-cases-inexact = (the search for cases reached its bound: the cases above may be coarser than the law)
decision-next-question = Next question ({ $fact })
decision-answer-one-of = answer: one of { $values }
decision-answer-list = answer: a list of elements like { $values }

## Conditional answers

case-every = in every case
case-empty = { $fact } is empty
case-is = { $fact } is { $values }
case-include-one = { $fact } include one like { $values }
case-include-none = { $fact } include none like { $values }
case-none-like = none like { $values }
decision-answers = answers: { $values }

## Bills

bill-passed = passed { $date }
bill-signed = signed { $date }
bill-vetoed = vetoed { $date }
bill-override-succeeded = override succeeded { $date }
bill-override-failed = override failed { $date }
bill-override-vote = override vote { $date }
bill-referendum-rejected = rejected by referendum { $date }
bill-referendum-approved = approved by referendum { $date }
bill-introduced = introduced { $date }
bill-in-force-from = in force from { $start }
bill-in-force-until = in force from { $start } until { $end } ({ $event })
bill-in-force-until-referendum = in force from { $start } until { $end } (repealed by referendum)
bill-never-in-force = never in force
bill-not-in-force-no-override = not in force (no override recorded)
bill-not-in-force-no-effective-date = not in force (no effective date recorded)
bill-state-in-force = in force
bill-state-not-yet-in-force = not yet in force
bill-state-ended = ended
bill-state-not-enacted = not enacted
bills-none = no bills
bills-status = status: { $status }
bills-in-force-on = in force on { $date }: { $answer }
bills-succeeded = succeeded
bills-failed = failed
answer-yes = yes
answer-no = no

## Lifecycle events

event-introduced = introduced
event-passed = passed
event-signed = signed
event-vetoed = vetoed
event-override = override
event-referendum = referendum
event-effective = effective
event-expired = expired
event-repealed = repealed
event-terminated = terminated
event-enjoined = enjoined
event-superseded-by = superseded-by
event-rule-from = rule-from
event-rule-until = rule-until
event-window = window
event-class-changes = an offense class changes

## Timelines

timeline-assumed-enacted = assumed enacted from this day
timeline-by = by { $by }
timeline-placeholder-date = the day is not known: this date stands for it
timeline-window-enters = the fact dated { $date } enters the window `{ $window }`
timeline-window-leaves = the fact dated { $date } is no longer { $window }
timeline-situation = situation: { $situation }
timeline-before = before { $date }: { $answer }
timeline-always = always: { $answer }
timeline-on = on { $date }: { $answer }
timeline-deciding-changed = { $date }  { $answer } (the deciding law changed)
timeline-change = { $date }  { $from } → { $to }
timeline-what-changed = what changed:
timeline-decided-by = decided by:
timeline-rule-from = { $rule } applies from this day
timeline-rule-until = { $rule } no longer applies
timeline-class-changes = which offenses are in { $class } changes on this day
timeline-a-window = a window
timeline-no-change = no change
timeline-no-change-until = no change up to { $date }

## Differences between two states of the law

diff-kinds-bounded = `{ $fact }`: the rules tell { $kinds } kinds of element apart; lists of at most two kinds were tried
diff-budget = the search for `{ $action }` by `{ $agency }` stopped after { $decisions } decisions
diff-every-request = every request
diff-equals = { $fact } = { $value }
diff-in = { $fact } in {"{"}{ $values }{"}"}
diff-holds-any = { $fact } holds an element like any of { $values }
diff-holds-each = { $fact } holds an element like each of { $values }
diff-holds-none = { $fact } holds none like { $values }
diff-and = { $left } and { $right }
diff-state = { $jurisdiction } as of { $date }
diff-state-assuming = { $jurisdiction } as of { $date }, assuming { $bills } enacted
diff-equivalent = equivalent: no request is decided differently
diff-regions = { $count ->
    [one] 1 region differs, in: { $actions }
   *[other] { $count } regions differ, in: { $actions }
}
diff-when = when { $condition }
diff-not-exhaustive = not exhaustive:

## Comparisons

compare-heading = as of { $date } · corpus { $hash }
compare-code-required = must
compare-code-permitted = may
compare-code-prohibited = NO
compare-code-unregulated = -
compare-code-uncertain = ?
compare-legend = must = required · may = permitted · NO = prohibited · - = unregulated (no rule in force speaks to it)
compare-legend-uncertain = ? = uncertain (unsettled law: `--format json` or `html` say what it lies between, and why)
compare-acting-agency = acting agency:
compare-agency-in = { $agency } in { $jurisdiction }: { $actions }

## Request errors

error-field = `{ $field }`: { $message }
error-hint = { $hint }
error-allowed = allowed: { $values }
error-did-you-mean = did you mean `{ $suggestion }`?
error-request = request { $number }: { $message }
error-line = line { $line }: { $message }
error-unknown-language = unknown language `{ $language }`
error-not-json = not valid JSON at line { $line }, column { $column }: { $detail }
error-trailing-json = text follows the request object: send one JSON object (for many requests, JSON Lines: one object per line)
error-not-a-request = not a request: { $detail }
error-unknown-operation = unknown operation `{ $operation }`
error-no-situations = the corpus has no standard situations (`situations.toml`)
error-no-default-agency = no agency acts on `{ $action }` by default; name one in `agency`
error-nothing-to-compare = nothing to compare: give `assume_enacted`, `against_as_of` or `against_jurisdiction`
stream-too-long = the line is longer than { $mebibytes } MiB; a request must be shorter
stream-incomplete = the JSON object starting on this line is not complete (the input ends, or the next request starts, before its closing `{"}"}`)
stream-two-values = more than one JSON value on this line: write one request per line (JSON Lines)
stream-not-utf8 = not UTF-8 text at column { $column }
stream-not-json = not valid JSON at column { $column }: { $detail }

## Request errors: what is wrong, with its parameters

problem-unknown = unknown { $what } { $value }
noun-jurisdiction = jurisdiction
noun-agency = agency
noun-action = action
noun-fact = fact
noun-field = field
noun-bill = bill
noun-offense-class = offense class
noun-situation = situation
noun-value = { $name }
problem-wrong-type = expected { $expected }, found { $given }
expected-text = a string
expected-boolean = true or false
expected-whole-number = a whole number
expected-date = a date written YYYY-MM-DD, as a string
expected-enum-value = one of the allowed values, as a string
expected-statute = a statute as text, such as `CA PC 459`
expected-classes = an object of offense class ids and true or false, such as {"{"}"ca-7282-5-listed": false{"}"}
expected-membership = true or false (or null when the record does not say)
expected-list-of-values = a list of { $name } values
expected-list-of-records = a list of { $name } objects
expected-list = a list
expected-record = an object with { $fields }
expected-bills = a list of bill ids, such as ["us-md-howard/cb-9-2017"]
expected-bill-id = a bill id, as a string
expected-facts = an object of facts, such as {"{"}"warrant": "none"{"}"}
given-null = null
given-boolean = `{ $value }`
given-number = the number `{ $value }`
given-text = the string `"{ $value }"`
given-text-cut = the string `"{ $value }` ({ $chars } characters)
given-list = a list
given-object = an object
echo = `{ $value }`
echo-cut = `{ $value }` ({ $chars } characters)
problem-duplicate = the key `{ $key }` is given twice
problem-not-a-date = { $text } is not a date
problem-no-such-day = { $text } does not exist: { $month } { $year } has { $days } days
problem-no-such-month = { $text } does not exist: there is no month { $month }
problem-out-of-range = { $text } is outside the years juris can date
problem-not-an-object = a request is a JSON object, found { $given }
problem-list-of-requests = a request is a JSON object, found a list
problem-missing-jurisdiction = missing: the jurisdiction whose law applies
problem-missing-agency = missing: the agency that would act
problem-missing-as-of = missing: the date whose law applies
problem-missing-action = missing: the action the agency would take
problem-not-a-bill = { $name } is not a bill (it is another kind of document of the corpus)
problem-no-such-bill = { $name } is not a bill of the corpus
problem-statute = statute { $text } { $problem }
statute-too-long = is longer than 120 characters
statute-control-character = holds a control character
statute-empty = is empty
statute-no-code-and-section = names no code and section
problem-syntax = { $detail }
problem-no-default-agency = no agency acts on `{ $action }` by default in `{ $jurisdiction }`
problem-not-relative-date = `{ $text }` is not a relative date
problem-in-situation = { $message } (in situation `{ $situation }`)
hint-unquote = a string was given: write { $text } without quotes
hint-give-once = give each key once: with two values, which one was meant is not known
hint-date-format = write YYYY-MM-DD, e.g. `2019-08-13`
hint-check-day = the format YYYY-MM-DD is right; check the month and the day
hint-request-example = a request looks like {"{"}"jurisdiction": "us-md-montgomery", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "facts": {"{"}{"}"}{"}"}
hint-json-lines = for many requests write JSON Lines, one object per line; the service also takes `{"{"}"requests": [...]{"}"}`
hint-give-as-of = give `as_of` as YYYY-MM-DD
hint-only-bills = only bills can be assumed enacted
hint-statute-form = write the jurisdiction, the code and the section, e.g. `CA PC 459`
hint-check-syntax = check the request's syntax
hint-default-agency = add the action to `[default_agency]` in situations.toml, or name one agency
hint-relative-date = write `as_of - N years` (or months, days)

## The service's own errors

server-no-content-type = the body must be JSON, but was sent with no content type
server-content-type = the body must be JSON, but was sent with `{ $content-type }`
server-hint-content-type = send `Content-Type: application/json`
server-body-too-large = the body is larger than { $bytes } bytes
server-hint-body-too-large = send fewer requests per batch, or raise `--max-body-bytes`
server-body-timeout = the body did not arrive within { $seconds } seconds
server-body-unreadable = the body could not be read: { $detail }
server-too-deep = the JSON is nested deeper than { $depth } levels
server-not-json = the body is not valid JSON: { $detail }
server-hint-json-position = the problem is at line { $line }, column { $column }
server-duplicate-key = the key `{ $key }` is written twice
server-hint-duplicate-key = write each key once
server-body-not-an-object = the body must be a JSON object: one request, or {"{"}"requests": [...]{"}"}
server-beside-requests = unknown field `{ $field }` beside `requests`
server-requests-not-a-list = `requests` must be a list of requests
server-batch-size = a batch holds 1 to { $limit } requests; this one holds { $count }
server-request-not-an-object = a request must be a JSON object
server-bad-query = bad query: { $detail }
server-hint-bills-query = for example `?as_of=2026-01-01`
server-hint-receipt-query = the only option is `?request=true`
server-token-needed = this needs a token with the `{ $role }` role
server-hint-token = send `Authorization: Bearer TOKEN`
server-token-unknown = the token is not known to this service
server-token-forbidden = the token's role `{ $role }` does not allow this; it needs `{ $needed }`
server-too-many-connections = the service already has { $limit } open connections
server-hint-too-many-connections = try again shortly, or reuse one connection for many requests (keep-alive)
server-deadline = the service did not answer within { $seconds } seconds
server-hint-deadline = a decision cut off while it was being logged may be in the log; its answer was not sent
server-no-endpoint = no endpoint `{ $path }`
server-hint-endpoints = the endpoints are listed at /openapi.json
server-method-not-allowed = `{ $path }` does not answer `{ $method }`
server-hint-methods = the endpoints and their methods are listed at /openapi.json
server-internal = the service failed to answer; the cause is in its log
server-log-unavailable = the decision log cannot be written, so nothing was decided; try again later
server-no-rule = no rule `{ $id }` in this corpus
server-no-log = this service runs without a decision log (`--log none`)
server-index-not-in-tree = index { $index } is not in a tree of size { $size }
server-size-out-of-range = tree size { $requested } is larger than the log ({ $size } records)
server-sizes-backwards = the first size ({ $from }) is larger than the second ({ $to })
server-index-not-in-log = index { $index } is not in the log ({ $size } records)
server-no-checkpoint = the log has no checkpoint yet
server-not-an-index = `{ $index }` is not a record index
server-bad-sizes = the query must give `from` and `to` as record counts: { $detail }
server-hint-sizes = for example `?from=10&to=20`
server-no-decision = no decision `{ $id }` in this log
server-no-stored-request = no stored request `{ $hash }` (or it was already redacted)
server-reload-no-loader = this service was started without a way to read its corpus again
server-reload-unreadable = the corpus could not be read: { $detail }
server-reload-invalid = the corpus has { $count } error(s), the first: { $first }; the old corpus keeps serving

## Lists and dates

list-and = { $first } and { $last }
list-or = { $first } or { $last }
date = { $iso }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
