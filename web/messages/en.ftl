# The public page's words: English.
# Every key here is in es.ftl with the same variables (crates/juris-server/tests/page_catalog.rs).
# The words of the law (quotes, citations, titles) are never here: they stay in the source's language.

site-name = juris: immigration cooperation law
language-name = English
skip-to-content = Skip to the content
nav-label = Site
nav-home = Ask a question
nav-compare = Compare places
nav-about = About the law and the method
advice-heading = This is not legal advice.
advice-text = It shows what the written law says. For help with a case, contact a lawyer or a legal aid organization.
footer-version = Law as encoded in corpus version { $version }
footer-report = Report an error

## Errors

error-not-found = Page not found
error-bad-request = This question cannot be answered as written
error-field = Problem with: { $field }
error-hint = Hint: { $hint }
error-home = Start again from the home page
error-date = “{ $value }” is not a date.
error-date-hint = write the date as YYYY-MM-DD, for example 2019-07-01
error-query = The address has a malformed list of parameters.
error-unknown-parameter = “{ $name }” is not a fact this tool knows.
error-unknown-parameter-hint = use the fact names listed on the About page, or start from the home page
error-missing = Please choose: { $name }
error-missing-place = choose a county or city on the map or in the list
error-missing-action = choose what you want to know about
error-unknown-place = There is no place “{ $place }” in the encoded law.
error-unknown-action = There is no action “{ $action }”.
error-no-page = There is no page at this address.

## Dates

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
date-long = { $month } { $day }, { $year }
date-previous = ← Previous change: { $date }
date-next = Next change: { $date } →

## Home

home-title = What the law says in your county
home-heading = What does the law say about local police, jails and ICE?
home-lead = Choose a place, a date and a situation. The answer quotes the law that decides it, with its source.
home-step-place = 1. Choose a place
map-label = Map of Maryland's counties and Baltimore City
map-note = Click a county on the map, or use the list.
home-maryland = Maryland
home-california = California
home-place-label = Place
home-place-none = Choose a place
home-chosen = Chosen: { $place }.
home-county-page = See everything about this place
home-step-date = 2. Choose a date
home-date-label = Date
home-date-hint = Today's date is filled in. After you choose a place, buttons take you to the dates its law changed.
home-step-situation = 3. Choose a situation
home-action-label = What do you want to know?
home-situation-label = Situation
home-submit = Show the answer
home-guided = Answer a few questions instead

## Outcomes

outcome-required = Required
outcome-permitted = Permitted
outcome-prohibited = Prohibited
outcome-unregulated = Not regulated
outcome-uncertain = Uncertain
meaning-required = The law in force requires the agency to do this.
meaning-permitted = The agency may do this: a rule in force allows it.
meaning-prohibited = The agency must not do this.
meaning-unregulated = No rule in force speaks to this: it is left to the agency.
meaning-uncertain = The answer depends on facts not given or on a point of law that is not settled. See below.
confidence-sourced = checked against the primary source
confidence-secondary = from a secondary source
confidence-uncertain = uncertain reading
confidence-sourced-meaning = The rule was encoded from the official text of the law, which is quoted.
confidence-secondary-meaning = The rule was encoded from a reliable report of the law (a government summary, news or court record), not the official text.
confidence-uncertain-meaning = The reading of the law is open; the answer says uncertain where it matters.

## Answer

answer-heading = { $place }, { $date }
answer-county-link = Everything about this place
answer-agency = Who acts: { $agency }
answer-situation = Situation: { $situation }
answer-verdict = The answer
answer-between = It is one of:
answer-missing-heading = What would change the answer
answer-missing-lead = The answer depends on these facts, which were not given:
answer-guided = Answer a few questions
answer-assuming = Assuming this bill is law (a what-if question):
answer-cases-lead = For each of their possible values, the answer would be:
answer-case-by = Decided by:
answer-cases-more = …and { $count } more cases. The guided questions reach each of them.
answer-cases-inexact = The search for cases reached its limit: some cases above may be broader than the law, and stay uncertain.
case-every = In every other case
case-is = { $fact }: { $values }
case-empty = { $fact }: none
case-includes = { $fact }: at least one like { $values }
case-excludes = { $fact }: none like { $values }
words-or = { $rest } or { $last }
words-quoted = “{ $text }”
answer-unsettled-heading = Unsettled points of law
answer-deciding-heading = What decides it
answer-no-rule = No rule in force speaks to this question.
answer-obligations-heading = Conditions that come with it
answer-other-heading = What other law says
answer-guidance-heading = Guidance (it does not decide)
answer-request = The question as data (the same request the service's /v1/decide answers)
answer-confidence = Confidence: { $confidence }
answer-source = Read the source
help-heading = Where to find help
help-text = If you or someone you know is detained, ask for a lawyer. In Maryland, the Office of the Public Defender and immigrant-rights organizations such as CASA can help; in California, the courts' self-help centers and nonprofit immigration legal services can. A booking officer or county attorney should ask the county's legal counsel.

override-exception = An exception applies (rule { $by }).
override-later-document = A later document governs ({ $by }).
override-declared-override = Another document says it takes precedence ({ $by }).
override-lower-layer = A county or city rule restricts it ({ $by }).
override-preemption = Higher law prevails ({ $by }).
conflict-within-document = These rules give different answers in one document with no exception between them.
conflict-same-date = These rules took effect the same day with different answers.
conflict-preemption = Higher law cannot be displaced by the lower rule here: the higher law prevails.

## Actions: what the agency would do

action-hold = Hold a person for immigration authorities (a detainer)
action-notify = Tell immigration authorities when a person will be released
action-transfer = Hand a person over to immigration custody
action-interview = Let immigration agents interview a person in custody
action-facility_access = Let immigration agents into non-public areas
action-share_info = Give immigration authorities personal information
action-share_status = Share information about immigration status
action-inquire_status = Ask a person about immigration status
action-civil_arrest = Arrest or stop a person for a civil immigration violation
action-assist = Help federal agents in an operation
action-enter_287g = Join a 287(g) agreement with ICE
action-house_detainees = Rent jail beds to immigration authorities
question-hold = May the jail keep the person in custody because ICE asked (a detainer)?
question-notify = May the agency tell ICE when the person will be released?
question-transfer = May the agency hand the person over to ICE?
question-interview = May ICE agents interview the person in custody?
question-facility_access = May ICE agents enter non-public areas of the facility?
question-share_info = May the agency give ICE the person's non-public personal information?
question-share_status = May the agency share information about the person's immigration status?
question-inquire_status = May an officer ask the person about immigration status?
question-civil_arrest = May an officer stop or arrest the person for a civil immigration violation?
question-assist = May officers help federal agents in this operation?
question-enter_287g = May the county enter or keep a 287(g) agreement with ICE?
question-house_detainees = May the jail rent beds to ICE for immigration detainees?

## Agencies

agency-police = county or city police
agency-sheriff = the sheriff's office
agency-corrections = the county jail or detention center
agency-county = another county agency or employee
agency-state-police = state police
agency-state-corrections = a state-run jail or prison

## Situations, in plain words

situation-misdemeanor-admin-warrant = Arrested for a misdemeanor (DUI), no record; ICE sends a detainer with an ICE form, not signed by a judge
situation-no-warrant-detainer-only = Arrested for a misdemeanor (DUI), no record; ICE sends a detainer with no warrant at all
situation-violent-felony-conviction = Charged with a felony assault, with a felony robbery conviction 3 years ago; ICE sends a detainer with an ICE form
situation-judicial-warrant = Arrested on a traffic charge; ICE brings a criminal warrant signed by a judge
situation-victim-witness = A crime victim talking to police, with no charges and no detainer

## Facts: short labels

fact-warrant = Warrant
fact-detainer_form = Detainer form
fact-role = The person's role
fact-charges = Pending charges
fact-convictions = Convictions
fact-held_to_answer = A judge found probable cause on the charge
fact-sex_offender_registrant = Registered sex offender
fact-aggravated_felony_conviction = Aggravated felony conviction (federal definition)
fact-federal_felony_warrant = Outstanding federal felony warrant
fact-release_info_public = Release date already public
fact-investigation = What the federal operation is about
fact-federal_arrival_before_release = ICE arrives before the release time
fact-written_consent = Written consent given
fact-routine_booking = Asked during routine booking
fact-criminal_investigation_relevant = Relevant to a criminal investigation
fact-acting_under_287g = Officer acting under a 287(g) agreement
fact-under_investigation_for = Already under criminal investigation for
fact-existing_agreement = Continues an agreement already in force
fact-federal_direction = Federal officials directed this stop or arrest
fact-prior_felony_deportation_confirmed = ICE confirmed a prior felony and deportation
fact-state_prison_felony_conviction = Convicted of a state-prison felony
fact-state_prison_felony_charge = Charged with a state-prison felony
fact-arson_registrant = Registered arson offender
fact-tu_visa_certification = Needed for a T or U visa certification
fact-firearm_transfer_check = Needed for a federal firearm check
fact-hold_exceeds_48_hours = Hold longer than 48 hours
fact-hold_exceeds_48_hours_excluding_weekends = Hold longer than 48 hours not counting weekends and holidays
fact-local_educational_agency = A school or county office of education acts
fact-health_care_provider_entity = A county hospital or clinic acts
fact-parent_written_consent = A parent consented in writing
fact-exigent_circumstances = An emergency allows entry without a warrant
fact-sensitive_location = A school, library or other sensitive government location
fact-database_access = Given by access to an agency database

## Values

value-yes = Yes
value-no = No
value-none = None
value-administrative = An ICE form (administrative warrant, not signed by a judge)
value-judicial = A warrant signed by a judge
value-suspect = Suspect
value-arrestee = Arrested
value-inmate = In jail
value-victim = Victim of a crime
value-witness = Witness
value-member_of_public = Member of the public

## Timelines and bills

event-introduced = Introduced
event-passed = Passed
event-signed = Signed
event-vetoed = Vetoed
event-override = Veto override vote
event-referendum = Referendum
event-effective = Took effect
event-expired = Expired
event-repealed = Repealed
event-terminated = Terminated
event-enjoined = Blocked by a court
event-superseded-by = Replaced
event-rule-from = A rule starts
event-rule-until = A rule ends
event-window = A dated fact's window
bill-state-in-force = In force
bill-state-not-yet-in-force = Not yet in force
bill-state-ended = No longer in force
bill-state-not-enacted = Never became law
bill-step = { $event } on { $date }
bill-vote = , vote { $vote }
bill-failed = , failed

## County page and policy card

county-show = Show
county-card = Printable policy card
county-glance = Every action on { $date }
county-glance-caption = What the law says, by action and situation
county-action = Action
county-timeline = How the answer changed over time
county-timeline-question = { $action } — { $situation }
county-no-changes = The answer to this question has not changed in the encoded law.
county-bills = Bills
county-no-bills = No bills of this place are encoded.
card-title = Policy card: { $place }
card-date = The law on { $date }
card-caption = Outcome by action and situation
card-back = Back to the place's page

## Compare

compare-title = Compare places
compare-heading = Compare places side by side
compare-actions = Actions to compare
compare-submit = Compare
compare-caption = Outcome by place and action
compare-place = Place

## Guided questions

guided-title = A few questions
guided-heading = Answer a few questions
guided-step = Question { $number }:
guided-so-far = Your answers so far
guided-next = Next
guided-why = Only questions the answer depends on are asked.
guided-multiple = Choose every one that applies to the person; choose none if none does. Each stands for every charge or record the law treats the same way.
guided-like = One like “{ $element }”
guided-result = The answer
guided-unsettled = The answer depends on a point of law that is not settled
guided-remaining = It also depends on these facts, which this interview cannot ask:
guided-permalink = Link to this answer
guided-back = ← Back
guided-restart = Start over

## About

about-title = About
about-heading = About the law and the method
about-lead = juris encodes the written law on local cooperation with federal immigration enforcement, rule by rule, beside the quoted words of each source, and answers a question for any date.
about-outcomes = What the answers mean
about-confidence = How sure each rule is
about-method = How it works
about-method-text = Each rule cites its source and quotes it. For a question, the engine applies every rule in force on the date, federal, state and local, and says which one decides and which ones it overrides.
about-unknown-text = A fact you do not give is unknown, never assumed. When the answer depends on it, the answer is uncertain and names it.
about-sources = Sources
about-report = Report an error
about-report-text = If an answer looks wrong, note its address (the link to the answer) and tell the maintainers through the project's issue tracker. Each answer names the rules and the corpus version, so an error can be traced.
about-version = Version of the law
about-counts = { $documents } documents,
about-rules = { $rules } rules.
about-hash = Corpus hash:
