# Catálogo de mensajes de juris: español.
# Cada clave de en.ftl está aquí con las mismas variables (lo comprueba tests/catalog.rs).
# Las palabras de la ley (texto citado, citas, títulos) quedan en el idioma de su fuente.
# Términos: orden judicial, orden administrativa, solicitud de retención (detainer), ICE,
# estatus migratorio; resultados: obligatorio, permitido, prohibido, no regulado, incierto.

## Resultados

outcome-required = obligatorio
outcome-permitted = permitido
outcome-prohibited = prohibido
outcome-unregulated = no regulado
outcome-uncertain = incierto
headline-required = OBLIGATORIO
headline-permitted = PERMITIDO
headline-prohibited = PROHIBIDO
headline-unregulated = NO REGULADO (ninguna norma vigente trata de ello)
headline-uncertain = INCIERTO
confidence-sourced = con fuente primaria
confidence-secondary = fuente secundaria
confidence-uncertain = incierta

## Por qué una norma no decidió

override-exception = se aplica una excepción
override-later-document = rige un documento posterior
override-declared-override = otro documento declara que prevalece sobre ella
override-lower-layer = una jurisdicción inferior la restringe
override-preemption = prevalece una jurisdicción superior

## Conflictos entre normas

conflict-within-document = { $rules } dan resultados distintos en un mismo documento sin una excepción entre ellas
conflict-same-date = { $rules } entraron en vigor el mismo día con resultados distintos
conflict-preemption = { $higher } ({ $higher-outcome }) no puede ser desplazada por { $lower } ({ $lower-outcome }) de la jurisdicción inferior: prevalece la jurisdicción superior

## Cuestiones abiertas

uncertainty-rule = la norma `{ $rule }` no está resuelta: { $reason }
uncertainty-class = la clase `{ $class }` es demasiado general para saberlo: { $reason }

## La forma de texto de una decisión

decision-heading = { $place } ({ $jurisdiction }) · { $agency } · { $action } · a fecha de { $date }
decision-assuming-enacted = suponiendo aprobado: { $bills }
decision-could-be = podría ser: { $outcomes }
decision-depends-on = depende de hechos no indicados: { $facts }
decision-open-question = cuestión abierta ({ $source }): { $reason }
decision-decided-by = Decidido por
decision-obligations = Obligaciones
decision-overridden = Desplazadas
decision-conflicts = Conflictos
decision-advice = Orientación (guía; no decide)
decision-at = sección: { $section }
decision-source = fuente: { $source }
decision-corpus = corpus { $hash }
decision-case-unless = { $usual } salvo si { $when }; entonces { $exception }
decision-cases = Depende de
decision-case = { $answer } si { $when }
decision-case-by = según: { $rules }
decision-case-unsettled = INCIERTO ({ $outcomes }: derecho no resuelto)
decision-case-unregulated = NO REGULADO
decision-cases-inexact = (la búsqueda de casos llegó a su límite: los casos de arriba pueden ser menos precisos que la ley)
decision-next-question = Siguiente pregunta ({ $fact })
decision-answer-one-of = respuesta: una de { $values }
decision-answer-list = respuesta: una lista de elementos como { $values }

## Respuestas condicionales

case-every = en todos los casos
case-empty = { $fact } está vacío
case-is = { $fact } es { $values }
case-include-one = { $fact } incluye uno como { $values }
case-include-none = { $fact } no incluye ninguno como { $values }
case-none-like = ninguno como { $values }
decision-answers = respuestas: { $values }

## Proyectos de ley

bill-passed = aprobado el { $date }
bill-signed = firmado el { $date }
bill-vetoed = vetado el { $date }
bill-override-succeeded = veto anulado el { $date }
bill-override-failed = fracasó la anulación del veto el { $date }
bill-override-vote = votación para anular el veto el { $date }
bill-referendum-rejected = rechazado en referéndum el { $date }
bill-referendum-approved = aprobado en referéndum el { $date }
bill-introduced = presentado el { $date }
bill-in-force-from = en vigor desde el { $start }
bill-in-force-until = en vigor desde el { $start } hasta el { $end } ({ $event })
bill-in-force-until-referendum = en vigor desde el { $start } hasta el { $end } (derogado en referéndum)
bill-never-in-force = nunca entró en vigor
bill-not-in-force-no-override = no está en vigor (no consta la anulación del veto)
bill-not-in-force-no-effective-date = no está en vigor (no consta fecha de entrada en vigor)
bill-state-in-force = en vigor
bill-state-not-yet-in-force = aún no en vigor
bill-state-ended = terminado
bill-state-not-enacted = no promulgado
bills-none = no hay proyectos de ley
bills-status = estado: { $status }
bills-in-force-on = en vigor el { $date }: { $answer }
bills-succeeded = prosperó
bills-failed = fracasó
answer-yes = sí
answer-no = no

## Hechos del ciclo de vida

event-introduced = presentado
event-passed = aprobado
event-signed = firmado
event-vetoed = vetado
event-override = anulación del veto
event-referendum = referéndum
event-effective = entrada en vigor
event-expired = expiró
event-repealed = derogado
event-terminated = terminado
event-enjoined = suspendido por orden judicial
event-superseded-by = reemplazado por
event-rule-from = la norma empieza a regir
event-rule-until = la norma deja de regir
event-window = plazo
event-class-changes = cambia una clase de delitos

## Cronologías

timeline-assumed-enacted = se supone aprobado desde este día
timeline-by = por { $by }
timeline-placeholder-date = se desconoce el día: esta fecha lo representa
timeline-window-enters = el hecho fechado el { $date } entra en el plazo `{ $window }`
timeline-window-leaves = el hecho fechado el { $date } ya no está dentro del plazo { $window }
timeline-situation = situación: { $situation }
timeline-before = antes del { $date }: { $answer }
timeline-always = siempre: { $answer }
timeline-on = el { $date }: { $answer }
timeline-deciding-changed = { $date }  { $answer } (cambió la norma que decide)
timeline-change = { $date }  { $from } → { $to }
timeline-what-changed = qué cambió:
timeline-decided-by = decidido por:
timeline-rule-from = { $rule } rige desde este día
timeline-rule-until = { $rule } deja de regir
timeline-class-changes = cambian los delitos que forman { $class } este día
timeline-a-window = un plazo
timeline-no-change = sin cambios
timeline-no-change-until = sin cambios hasta el { $date }

## Diferencias entre dos estados de la ley

diff-kinds-bounded = `{ $fact }`: las normas distinguen { $kinds } tipos de elemento; solo se probaron listas de a lo sumo dos tipos
diff-budget = la búsqueda para `{ $action }` por `{ $agency }` se detuvo tras { $decisions } decisiones
diff-every-request = toda solicitud
diff-equals = { $fact } = { $value }
diff-in = { $fact } en {"{"}{ $values }{"}"}
diff-holds-any = { $fact } contiene un elemento como alguno de { $values }
diff-holds-each = { $fact } contiene un elemento como cada uno de { $values }
diff-holds-none = { $fact } no contiene ninguno como { $values }
diff-and = { $left } y { $right }
diff-state = { $jurisdiction } a fecha de { $date }
diff-state-assuming = { $jurisdiction } a fecha de { $date }, suponiendo aprobado { $bills }
diff-equivalent = equivalentes: ninguna solicitud se decide de otro modo
diff-regions = { $count ->
    [one] 1 región difiere, en: { $actions }
   *[other] { $count } regiones difieren, en: { $actions }
}
diff-when = cuando { $condition }
diff-not-exhaustive = búsqueda no exhaustiva:

## Comparaciones

compare-heading = a fecha de { $date } · corpus { $hash }
compare-code-required = debe
compare-code-permitted = puede
compare-code-prohibited = NO
compare-code-unregulated = -
compare-code-uncertain = ?
compare-legend = debe = obligatorio · puede = permitido · NO = prohibido · - = no regulado (ninguna norma vigente trata de ello)
compare-legend-uncertain = ? = incierto (ley no resuelta: `--format json` o `html` dicen entre qué resultados está, y por qué)
compare-acting-agency = agencia que actúa:
compare-agency-in = { $agency } en { $jurisdiction }: { $actions }

## Errores en solicitudes

error-field = `{ $field }`: { $message }
error-hint = { $hint }
error-allowed = valores permitidos: { $values }
error-did-you-mean = ¿quiso decir `{ $suggestion }`?
error-request = solicitud { $number }: { $message }
error-line = línea { $line }: { $message }
error-unknown-language = idioma desconocido `{ $language }`
error-not-json = JSON no válido en la línea { $line }, columna { $column }: { $detail }
error-trailing-json = hay texto después del objeto de la solicitud: envíe un solo objeto JSON (para varias solicitudes, JSON Lines: un objeto por línea)
error-not-a-request = no es una solicitud: { $detail }
error-unknown-operation = operación desconocida `{ $operation }`
error-no-situations = el corpus no tiene situaciones estándar (`situations.toml`)
error-no-default-agency = ninguna agencia actúa por defecto sobre `{ $action }`; nombre una en `agency`
error-nothing-to-compare = nada que comparar: dé `assume_enacted`, `against_as_of` o `against_jurisdiction`
stream-too-long = la línea tiene más de { $mebibytes } MiB; una solicitud debe ser más corta
stream-incomplete = el objeto JSON que empieza en esta línea no está completo (la entrada termina, o empieza la siguiente solicitud, antes de su `{"}"}` de cierre)
stream-two-values = más de un valor JSON en esta línea: escriba una solicitud por línea (JSON Lines)
stream-not-utf8 = no es texto UTF-8 en la columna { $column }
stream-not-json = JSON no válido en la columna { $column }: { $detail }

## Errores en solicitudes: qué está mal, con sus parámetros

problem-unknown = no se conoce { $what } { $value }
noun-jurisdiction = la jurisdicción
noun-agency = la agencia
noun-action = la acción
noun-fact = el hecho
noun-field = el campo
noun-bill = el proyecto de ley
noun-offense-class = la clase de delito
noun-situation = la situación
noun-value = el valor de { $name }
problem-wrong-type = se esperaba { $expected }; se encontró { $given }
expected-text = una cadena de texto
expected-boolean = true o false
expected-whole-number = un número entero
expected-date = una fecha escrita AAAA-MM-DD, como cadena de texto
expected-enum-value = uno de los valores permitidos, como cadena de texto
expected-statute = una disposición legal como texto, por ejemplo `CA PC 459`
expected-classes = un objeto de ids de clases de delito con true o false, por ejemplo {"{"}"ca-7282-5-listed": false{"}"}
expected-membership = true o false (o null cuando el expediente no lo dice)
expected-list-of-values = una lista de valores de { $name }
expected-list-of-records = una lista de objetos { $name }
expected-list = una lista
expected-record = un objeto con { $fields }
expected-bills = una lista de ids de proyectos de ley, por ejemplo ["us-md-howard/cb-9-2017"]
expected-bill-id = el id de un proyecto de ley, como cadena de texto
expected-facts = un objeto de hechos, por ejemplo {"{"}"warrant": "none"{"}"}
given-null = null
given-boolean = `{ $value }`
given-number = el número `{ $value }`
given-text = la cadena `"{ $value }"`
given-text-cut = la cadena `"{ $value }` ({ $chars } caracteres)
given-list = una lista
given-object = un objeto
echo = `{ $value }`
echo-cut = `{ $value }` ({ $chars } caracteres)
problem-duplicate = la clave `{ $key }` aparece dos veces
problem-not-a-date = { $text } no es una fecha
problem-no-such-day = { $text } no existe: { $month } de { $year } tiene { $days } días
problem-no-such-month = { $text } no existe: no hay un mes { $month }
problem-out-of-range = { $text } está fuera de los años que juris puede fechar
problem-not-an-object = una solicitud es un objeto JSON; se encontró { $given }
problem-list-of-requests = una solicitud es un objeto JSON; se encontró una lista
problem-missing-jurisdiction = falta: la jurisdicción cuya ley se aplica
problem-missing-agency = falta: la agencia que actuaría
problem-missing-as-of = falta: la fecha cuya ley se aplica
problem-missing-action = falta: la acción que tomaría la agencia
problem-not-a-bill = { $name } no es un proyecto de ley (es otro tipo de documento del corpus)
problem-no-such-bill = { $name } no es un proyecto de ley del corpus
problem-statute = la disposición legal { $text } { $problem }
statute-too-long = tiene más de 120 caracteres
statute-control-character = contiene un carácter de control
statute-empty = está vacía
statute-no-code-and-section = no nombra un código y una sección
problem-syntax = { $detail }
problem-no-default-agency = ninguna agencia actúa por defecto sobre `{ $action }` en `{ $jurisdiction }`
problem-not-relative-date = `{ $text }` no es una fecha relativa
problem-in-situation = { $message } (en la situación `{ $situation }`)
hint-unquote = se dio una cadena de texto: escriba { $text } sin comillas
hint-give-once = dé cada clave una sola vez: con dos valores, no se sabe cuál se quiso decir
hint-date-format = escriba AAAA-MM-DD, por ejemplo `2019-08-13`
hint-check-day = el formato AAAA-MM-DD es correcto; revise el mes y el día
hint-request-example = una solicitud se escribe así: {"{"}"jurisdiction": "us-md-montgomery", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "facts": {"{"}{"}"}{"}"}
hint-json-lines = para varias solicitudes escriba JSON Lines, un objeto por línea; el servicio también acepta `{"{"}"requests": [...]{"}"}`
hint-give-as-of = dé `as_of` como AAAA-MM-DD
hint-only-bills = solo se puede suponer aprobado un proyecto de ley
hint-statute-form = escriba la jurisdicción, el código y la sección, por ejemplo `CA PC 459`
hint-check-syntax = revise la sintaxis de la solicitud
hint-default-agency = añada la acción a `[default_agency]` en situations.toml, o nombre una agencia
hint-relative-date = escriba `as_of - N years` (o months, days)

## Errores del propio servicio

server-no-content-type = el cuerpo debe ser JSON, pero se envió sin tipo de contenido
server-content-type = el cuerpo debe ser JSON, pero se envió con `{ $content-type }`
server-hint-content-type = envíe `Content-Type: application/json`
server-body-too-large = el cuerpo tiene más de { $bytes } bytes
server-hint-body-too-large = envíe menos solicitudes por lote, o aumente `--max-body-bytes`
server-body-timeout = el cuerpo no llegó en { $seconds } segundos
server-body-unreadable = no se pudo leer el cuerpo: { $detail }
server-too-deep = el JSON está anidado en más de { $depth } niveles
server-not-json = el cuerpo no es JSON válido: { $detail }
server-hint-json-position = el problema está en la línea { $line }, columna { $column }
server-duplicate-key = la clave `{ $key }` está escrita dos veces
server-hint-duplicate-key = escriba cada clave una sola vez
server-body-not-an-object = el cuerpo debe ser un objeto JSON: una solicitud, o {"{"}"requests": [...]{"}"}
server-beside-requests = campo desconocido `{ $field }` junto a `requests`
server-requests-not-a-list = `requests` debe ser una lista de solicitudes
server-batch-size = un lote contiene de 1 a { $limit } solicitudes; este contiene { $count }
server-request-not-an-object = una solicitud debe ser un objeto JSON
server-bad-query = consulta no válida: { $detail }
server-hint-bills-query = por ejemplo `?as_of=2026-01-01`
server-hint-receipt-query = la única opción es `?request=true`
server-token-needed = esto requiere un token con el rol `{ $role }`
server-hint-token = envíe `Authorization: Bearer TOKEN`
server-token-unknown = este servicio no conoce el token
server-token-forbidden = el rol `{ $role }` del token no permite esto; se necesita `{ $needed }`
server-too-many-connections = el servicio ya tiene { $limit } conexiones abiertas
server-hint-too-many-connections = vuelva a intentarlo en un momento, o use una sola conexión para muchas solicitudes (keep-alive)
server-deadline = el servicio no respondió en { $seconds } segundos
server-hint-deadline = una decisión interrumpida mientras se registraba puede estar en el registro; su respuesta no se envió
server-no-endpoint = no existe el punto de acceso `{ $path }`
server-hint-endpoints = los puntos de acceso se enumeran en /openapi.json
server-method-not-allowed = `{ $path }` no responde a `{ $method }`
server-hint-methods = los puntos de acceso y sus métodos se enumeran en /openapi.json
server-internal = el servicio no pudo responder; la causa está en su propio registro
server-log-unavailable = no se puede escribir en el registro de decisiones, así que no se decidió nada; vuelva a intentarlo más tarde
server-no-rule = no hay ninguna norma `{ $id }` en este corpus
server-no-log = este servicio funciona sin registro de decisiones (`--log none`)
server-index-not-in-tree = el índice { $index } no está en un árbol de tamaño { $size }
server-size-out-of-range = el tamaño de árbol { $requested } es mayor que el registro ({ $size } entradas)
server-sizes-backwards = el primer tamaño ({ $from }) es mayor que el segundo ({ $to })
server-index-not-in-log = el índice { $index } no está en el registro ({ $size } entradas)
server-no-checkpoint = el registro aún no tiene ningún punto de control
server-not-an-index = `{ $index }` no es un índice de entrada del registro
server-bad-sizes = la consulta debe dar `from` y `to` como números de entradas: { $detail }
server-hint-sizes = por ejemplo `?from=10&to=20`
server-no-decision = no hay ninguna decisión `{ $id }` en este registro
server-no-stored-request = no hay ninguna solicitud guardada `{ $hash }` (o ya se eliminó)
server-reload-no-loader = este servicio se inició sin forma de volver a leer su corpus
server-reload-unreadable = no se pudo leer el corpus: { $detail }
server-reload-invalid = el corpus tiene { $count ->
    [one] un error
   *[other] { $count } errores
}; el primero: { $first }; el corpus anterior sigue en servicio

## Listas y fechas

list-and = { $first } y { $last }
list-or = { $first } o { $last }
date = { $day } de { $month } de { $year }
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
