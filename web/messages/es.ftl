# Las palabras de la página pública: español.
# Cada clave de en.ftl está aquí con las mismas variables (crates/juris-server/tests/page_catalog.rs).
# Las palabras de la ley (citas, referencias, títulos) no están aquí: quedan en el idioma de su fuente.
# Términos: orden judicial, orden administrativa, solicitud de retención (detainer), ICE, estatus migratorio.

site-name = juris: la ley sobre cooperación con inmigración
language-name = Español
skip-to-content = Saltar al contenido
nav-label = Sitio
nav-home = Hacer una pregunta
nav-compare = Comparar lugares
nav-about = Sobre la ley y el método
advice-heading = Esto no es asesoría legal.
advice-text = Muestra lo que dice la ley escrita. Para ayuda con un caso, comuníquese con un abogado o una organización de asistencia legal.
footer-version = Ley según la versión { $version } del corpus
footer-report = Informar de un error

## Errores

error-not-found = Página no encontrada
error-bad-request = No se puede responder a esta pregunta tal como está escrita
error-field = Problema con: { $field }
error-hint = Sugerencia: { $hint }
error-home = Volver a empezar desde la página principal
error-date = «{ $value }» no es una fecha.
error-date-hint = escriba la fecha como AAAA-MM-DD, por ejemplo 2019-07-01
error-query = La dirección tiene una lista de parámetros mal formada.
error-unknown-parameter = «{ $name }» no es un hecho que esta herramienta conozca.
error-unknown-parameter-hint = use los nombres de hechos de la página «Sobre la ley», o empiece desde la página principal
error-missing = Por favor elija: { $name }
error-missing-place = elija un condado o ciudad en el mapa o en la lista
error-missing-action = elija lo que quiere saber
error-unknown-place = No hay ningún lugar «{ $place }» en la ley codificada.
error-unknown-action = No hay ninguna acción «{ $action }».
error-no-page = No hay ninguna página en esta dirección.

## Fechas

month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
date-long = { $day } de { $month } de { $year }
date-previous = ← Cambio anterior: { $date }
date-next = Cambio siguiente: { $date } →

## Inicio

home-title = Lo que dice la ley en su condado
home-heading = ¿Qué dice la ley sobre la policía local, las cárceles e ICE?
home-lead = Elija un lugar, una fecha y una situación. La respuesta cita la ley que la decide, con su fuente.
home-step-place = 1. Elija un lugar
map-label = Mapa de los condados de Maryland y la ciudad de Baltimore
map-note = Haga clic en un condado del mapa, o use la lista.
home-maryland = Maryland
home-california = California
home-place-label = Lugar
home-place-none = Elija un lugar
home-chosen = Elegido: { $place }.
home-county-page = Ver todo sobre este lugar
home-step-date = 2. Elija una fecha
home-date-label = Fecha
home-date-hint = La fecha de hoy ya está puesta. Cuando elija un lugar, unos botones le llevan a las fechas en que cambió su ley.
home-step-situation = 3. Elija una situación
home-action-label = ¿Qué quiere saber?
home-situation-label = Situación
home-submit = Ver la respuesta
home-guided = Responder unas preguntas

## Resultados

outcome-required = Obligatorio
outcome-permitted = Permitido
outcome-prohibited = Prohibido
outcome-unregulated = No regulado
outcome-uncertain = Incierto
meaning-required = La ley vigente obliga a la agencia a hacerlo.
meaning-permitted = La agencia puede hacerlo: una norma vigente lo permite.
meaning-prohibited = La agencia no debe hacerlo.
meaning-unregulated = Ninguna norma vigente trata de esto: queda a criterio de la agencia.
meaning-uncertain = La respuesta depende de hechos que no se dieron o de una cuestión de derecho no resuelta. Vea abajo.
confidence-sourced = comprobada con la fuente primaria
confidence-secondary = de una fuente secundaria
confidence-uncertain = lectura incierta
confidence-sourced-meaning = La norma se codificó a partir del texto oficial de la ley, que se cita.
confidence-secondary-meaning = La norma se codificó a partir de un informe fiable sobre la ley (un resumen oficial, la prensa o un expediente judicial), no del texto oficial.
confidence-uncertain-meaning = La lectura de la ley está abierta; la respuesta dice «incierto» donde importa.

## Respuesta

answer-heading = { $place }, { $date }
answer-county-link = Todo sobre este lugar
answer-agency = Quién actúa: { $agency }
answer-situation = Situación: { $situation }
answer-verdict = La respuesta
answer-between = Es uno de:
answer-missing-heading = Qué cambiaría la respuesta
answer-missing-lead = La respuesta depende de estos hechos, que no se dieron:
answer-guided = Responder unas preguntas
answer-assuming = Suponiendo que este proyecto es ley (una pregunta hipotética):
answer-cases-lead = Según el valor de cada uno, la respuesta sería:
answer-case-by = Lo decide:
answer-cases-more = …y { $count } casos más. Las preguntas guiadas llegan a cada uno.
answer-cases-inexact = La búsqueda de casos llegó a su límite: algunos casos de arriba pueden ser más amplios que la ley y quedan inciertos.
case-every = En cualquier otro caso
case-is = { $fact }: { $values }
case-empty = { $fact }: ninguno
case-includes = { $fact }: al menos uno como { $values }
case-excludes = { $fact }: ninguno como { $values }
words-or = { $rest } o { $last }
words-quoted = “{ $text }”
answer-unsettled-heading = Cuestiones de derecho no resueltas
answer-deciding-heading = Qué lo decide
answer-no-rule = Ninguna norma vigente trata de esta pregunta.
answer-obligations-heading = Condiciones que lo acompañan
answer-other-heading = Lo que dice otra ley
answer-guidance-heading = Orientación (no decide)
answer-request = La pregunta como datos (la misma solicitud que responde /v1/decide del servicio)
answer-confidence = Confianza: { $confidence }
answer-source = Leer la fuente
help-heading = Dónde encontrar ayuda
help-text = Si usted o alguien que conoce está detenido, pida un abogado. En Maryland, la Oficina del Defensor Público y organizaciones de derechos de los inmigrantes como CASA pueden ayudar; en California, los centros de autoayuda de los tribunales y los servicios legales de inmigración sin fines de lucro. Un funcionario de registro o un abogado del condado debe consultar al asesor legal del condado.

override-exception = Se aplica una excepción (norma { $by }).
override-later-document = Rige un documento posterior ({ $by }).
override-declared-override = Otro documento declara que prevalece ({ $by }).
override-lower-layer = Una norma del condado o la ciudad la restringe ({ $by }).
override-preemption = Prevalece la ley superior ({ $by }).
conflict-within-document = Estas normas dan respuestas distintas en un mismo documento sin una excepción entre ellas.
conflict-same-date = Estas normas entraron en vigor el mismo día con respuestas distintas.
conflict-preemption = La norma inferior no puede desplazar aquí a la ley superior: prevalece la ley superior.

## Acciones: lo que haría la agencia

action-hold = Retener a una persona para inmigración (una solicitud de retención o detainer)
action-notify = Avisar a inmigración cuándo saldrá una persona
action-transfer = Entregar a una persona a la custodia de inmigración
action-interview = Dejar que agentes de inmigración entrevisten a una persona detenida
action-facility_access = Dejar entrar a agentes de inmigración en áreas no públicas
action-share_info = Dar a inmigración información personal
action-share_status = Compartir información sobre el estatus migratorio
action-inquire_status = Preguntar a una persona por su estatus migratorio
action-civil_arrest = Detener o arrestar a una persona por una infracción migratoria civil
action-assist = Ayudar a agentes federales en un operativo
action-enter_287g = Firmar un acuerdo 287(g) con ICE
action-house_detainees = Alquilar camas de la cárcel a inmigración
question-hold = ¿Puede la cárcel mantener detenida a la persona porque ICE lo pidió (un detainer)?
question-notify = ¿Puede la agencia avisar a ICE cuándo saldrá la persona?
question-transfer = ¿Puede la agencia entregar a la persona a ICE?
question-interview = ¿Pueden agentes de ICE entrevistar a la persona detenida?
question-facility_access = ¿Pueden agentes de ICE entrar en áreas no públicas del centro?
question-share_info = ¿Puede la agencia dar a ICE información personal no pública de la persona?
question-share_status = ¿Puede la agencia compartir información sobre el estatus migratorio de la persona?
question-inquire_status = ¿Puede un agente preguntar a la persona por su estatus migratorio?
question-civil_arrest = ¿Puede un agente detener o arrestar a la persona por una infracción migratoria civil?
question-assist = ¿Pueden los agentes ayudar a los agentes federales en este operativo?
question-enter_287g = ¿Puede el condado firmar o mantener un acuerdo 287(g) con ICE?
question-house_detainees = ¿Puede la cárcel alquilar camas a ICE para detenidos de inmigración?

## Agencias

agency-police = la policía del condado o de la ciudad
agency-sheriff = la oficina del sheriff
agency-corrections = la cárcel o centro de detención del condado
agency-county = otra agencia o empleado del condado
agency-state-police = la policía estatal
agency-state-corrections = una cárcel o prisión del estado

## Situaciones, en palabras sencillas

situation-misdemeanor-admin-warrant = Arrestado por un delito menor (conducir ebrio), sin antecedentes; ICE envía un detainer con una orden administrativa, no firmada por un juez
situation-no-warrant-detainer-only = Arrestado por un delito menor (conducir ebrio), sin antecedentes; ICE envía un detainer sin ninguna orden
situation-violent-felony-conviction = Acusado de un delito grave de agresión, con una condena por robo grave hace 3 años; ICE envía un detainer con una orden administrativa
situation-judicial-warrant = Arrestado por una infracción de tránsito; ICE trae una orden judicial penal firmada por un juez
situation-victim-witness = Una víctima de un delito que habla con la policía, sin cargos ni detainer

## Hechos: etiquetas breves

fact-warrant = Orden
fact-detainer_form = Formulario de detainer
fact-role = El papel de la persona
fact-charges = Cargos pendientes
fact-convictions = Condenas
fact-held_to_answer = Un juez encontró causa probable para el cargo
fact-sex_offender_registrant = Registrado como agresor sexual
fact-aggravated_felony_conviction = Condena por delito grave agravado (definición federal)
fact-federal_felony_warrant = Orden federal de arresto por delito grave pendiente
fact-release_info_public = La fecha de salida ya es pública
fact-investigation = De qué trata el operativo federal
fact-federal_arrival_before_release = ICE llega antes de la hora de salida
fact-written_consent = Consentimiento por escrito
fact-routine_booking = Se pregunta durante el registro de rutina
fact-criminal_investigation_relevant = Es relevante para una investigación penal
fact-acting_under_287g = El agente actúa bajo un acuerdo 287(g)
fact-under_investigation_for = Ya investigado penalmente por
fact-existing_agreement = Continúa un acuerdo ya vigente
fact-federal_direction = Funcionarios federales ordenaron esta detención
fact-prior_felony_deportation_confirmed = ICE confirmó un delito grave y una deportación previos
fact-state_prison_felony_conviction = Condenado por un delito grave con prisión estatal
fact-state_prison_felony_charge = Acusado de un delito grave con prisión estatal
fact-arson_registrant = Registrado como autor de incendios provocados
fact-tu_visa_certification = Necesario para certificar una visa T o U
fact-firearm_transfer_check = Necesario para la verificación federal de armas
fact-hold_exceeds_48_hours = Retención de más de 48 horas
fact-hold_exceeds_48_hours_excluding_weekends = Retención de más de 48 horas sin contar fines de semana ni feriados
fact-local_educational_agency = Actúa una escuela u oficina de educación del condado
fact-health_care_provider_entity = Actúa un hospital o clínica del condado
fact-parent_written_consent = Un padre o tutor dio su consentimiento por escrito
fact-exigent_circumstances = Una emergencia permite entrar sin orden judicial
fact-sensitive_location = Una escuela, biblioteca u otro lugar sensible del gobierno
fact-database_access = Se da con acceso a una base de datos de la agencia

## Valores

value-yes = Sí
value-no = No
value-none = Ninguno
value-administrative = Un formulario de ICE (orden administrativa, no firmada por un juez)
value-judicial = Una orden judicial firmada por un juez
value-suspect = Sospechoso
value-arrestee = Arrestado
value-inmate = En la cárcel
value-victim = Víctima de un delito
value-witness = Testigo
value-member_of_public = Una persona del público

## Historia y proyectos de ley

event-introduced = Presentado
event-passed = Aprobado
event-signed = Firmado
event-vetoed = Vetado
event-override = Votación para anular el veto
event-referendum = Referéndum
event-effective = Entró en vigor
event-expired = Venció
event-repealed = Derogado
event-terminated = Terminado
event-enjoined = Bloqueado por un tribunal
event-superseded-by = Reemplazado
event-rule-from = Empieza una norma
event-rule-until = Termina una norma
event-window = El plazo de un hecho con fecha
bill-state-in-force = Vigente
bill-state-not-yet-in-force = Aún no vigente
bill-state-ended = Ya no está vigente
bill-state-not-enacted = Nunca llegó a ser ley
bill-step = { $event } el { $date }
bill-vote = , votación { $vote }
bill-failed = , fracasó

## Página del lugar y tarjeta

county-show = Mostrar
county-card = Tarjeta para imprimir
county-glance = Todas las acciones el { $date }
county-glance-caption = Lo que dice la ley, por acción y situación
county-action = Acción
county-timeline = Cómo cambió la respuesta con el tiempo
county-timeline-question = { $action } — { $situation }
county-no-changes = La respuesta a esta pregunta no ha cambiado en la ley codificada.
county-bills = Proyectos de ley
county-no-bills = No hay proyectos de ley codificados de este lugar.
card-title = Tarjeta de la política: { $place }
card-date = La ley el { $date }
card-caption = Resultado por acción y situación
card-back = Volver a la página del lugar

## Comparar

compare-title = Comparar lugares
compare-heading = Comparar lugares lado a lado
compare-actions = Acciones que comparar
compare-submit = Comparar
compare-caption = Resultado por lugar y acción
compare-place = Lugar

## Preguntas guiadas

guided-title = Unas preguntas
guided-heading = Responda unas preguntas
guided-step = Pregunta { $number }:
guided-so-far = Sus respuestas hasta ahora
guided-next = Siguiente
guided-why = Solo se preguntan los hechos de los que depende la respuesta.
guided-multiple = Marque cada uno que corresponda a la persona; no marque ninguno si no corresponde ninguno. Cada uno representa todos los cargos o antecedentes que la ley trata igual.
guided-like = Uno como “{ $element }”
guided-result = La respuesta
guided-unsettled = La respuesta depende de una cuestión de derecho no resuelta
guided-remaining = También depende de estos hechos, que esta entrevista no puede preguntar:
guided-permalink = Enlace a esta respuesta
guided-back = ← Atrás
guided-restart = Empezar de nuevo

## Sobre la ley

about-title = Sobre la ley
about-heading = Sobre la ley y el método
about-lead = juris codifica la ley escrita sobre la cooperación local con la aplicación federal de las leyes de inmigración, norma por norma, junto a las palabras citadas de cada fuente, y responde a una pregunta para cualquier fecha.
about-outcomes = Qué significan las respuestas
about-confidence = Qué tan segura es cada norma
about-method = Cómo funciona
about-method-text = Cada norma cita su fuente y la reproduce. Para una pregunta, el motor aplica todas las normas vigentes en la fecha, federales, estatales y locales, y dice cuál decide y a cuáles desplaza.
about-unknown-text = Un hecho que usted no da es desconocido, nunca se supone. Cuando la respuesta depende de él, la respuesta es incierta y lo nombra.
about-sources = Fuentes
about-report = Informar de un error
about-report-text = Si una respuesta parece equivocada, anote su dirección (el enlace a la respuesta) e infórmelo a los responsables en el registro de incidencias del proyecto. Cada respuesta nombra las normas y la versión del corpus, para poder rastrear el error.
about-version = Versión de la ley
about-counts = { $documents } documentos,
about-rules = { $rules } normas.
about-hash = Hash del corpus:
