-- Shared by every request kind's script: reads the list of values the request picks from, sends one JSON-RPC
-- POST per wrk request with a random value, counts answers that are not a JSON-RPC result, and prints one
-- JSON line of figures for benchmarks/run-rpc-load to parse.
--
-- A kind's script sets `method` and `params(value)` (returning the JSON text inside "params":[...]) and then
-- calls dofile on this file. Arguments after wrk's `--`: the list file (one value per line).

local values = {}
local count = 0

-- Per thread: wrk runs init/request/response in each thread's own Lua state; done() reads these through
-- thread:get.
failed = 0
first_failure = ""

function init(args)
  local file = args[1]
  if file == nil then
    error("no list file: run wrk -s KIND.lua URL -- LIST_FILE")
  end
  local f = io.open(file, "r")
  if f == nil then
    error("cannot read list file " .. file .. "; benchmarks/run-rpc-load writes it before running wrk")
  end
  for line in f:lines() do
    if line ~= "" then
      count = count + 1
      values[count] = line
    end
  end
  f:close()
  if count == 0 then
    error("list file " .. file .. " is empty: nothing to ask for")
  end
  -- Each thread draws its own sequence, so threads do not ask for the same values in step.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  local value = values[math.random(count)]
  local body = '{"jsonrpc":"2.0","id":1,"method":"' .. method .. '","params":[' .. params(value) .. ']}'
  return wrk.format("POST", "/", { ["Content-Type"] = "application/json" }, body)
end

-- A request that answers an error or a null result is not a success: the figures count only what a client
-- could use, so the script reports failures and the runner refuses figures that have any.
function response(status, headers, body)
  if status ~= 200 or body:find('"error"', 1, true) or body:find('"result":null', 1, true) then
    failed = failed + 1
    if first_failure == "" then
      first_failure = status .. " " .. body:sub(1, 200)
    end
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local failures = 0
  local sample = ""
  for _, t in ipairs(threads) do
    failures = failures + t:get("failed")
    local f = t:get("first_failure")
    if sample == "" and f ~= nil then sample = f end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"failed":%d,"socket_errors":%d,"sample_failure":"%s"}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50), latency:percentile(99),
    latency.max, failures,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    sample:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('[%c]', ' ')))
end
