-- wrk script for `POST /v1/decide`: replays requests from a JSON Lines file (one request object
-- per line), each thread starting at its own line, singly or in batches.
--
--   wrk -t2 -c32 -d10s -s crates/juris-bench/scripts/decide.lua http://127.0.0.1:8080 -- FILE [BATCH]
--
-- FILE is, for instance, the 20 shared decision cases,
--   python3 -c 'import json; [print(json.dumps(json.loads(l)["request"])) for l in open("tests/cases/decisions.jsonl")]' > cases.jsonl
-- or `python3 crates/juris-bench/scripts/partial-requests.py 2000
-- > partial.jsonl` (requests that leave facts out). Any answer but 200 is counted as an error,
-- which wrk prints as "Non-2xx or 3xx responses".

local bodies = {}
local next_body = 1
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count)
end

function init(args)
  local file = args[1] or error("usage: wrk ... -s decide.lua URL -- FILE [BATCH]")
  local batch = tonumber(args[2] or "1")
  local lines = {}
  for line in io.lines(file) do
    if #line > 0 then
      lines[#lines + 1] = line
    end
  end
  if #lines == 0 then
    error(file .. " holds no request")
  end
  local start = ((offset or 1) - 1) * 7
  local count = math.max(#lines, 1)
  for i = 1, count do
    if batch == 1 then
      bodies[i] = lines[(start + i - 1) % #lines + 1]
    else
      local items = {}
      for k = 0, batch - 1 do
        items[#items + 1] = lines[(start + (i - 1) * batch + k) % #lines + 1]
      end
      bodies[i] = '{"requests":[' .. table.concat(items, ",") .. "]}"
    end
  end
  wrk.method = "POST"
  wrk.path = "/v1/decide"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format(nil, nil, nil, body)
end
