-- POST /v1/events, one view per request at about RATE events/s in total (each connection waits between requests).
local nusers = tonumber(os.getenv("NUSERS"))
local nitems = tonumber(os.getenv("NITEMS"))
local conns = tonumber(os.getenv("CONNS"))
local rate = tonumber(os.getenv("RATE"))
local n = 0
local run = os.time()

function init(args)
  math.randomseed(run)
end

delay = function()
  return math.floor(1000 * conns / rate)
end

request = function()
  n = n + 1
  local body = string.format('{"user":"%d","item":"%d","type":"view","idempotency_key":"load-%d-%d-%d"}',
    math.random(0, nusers - 1), math.random(0, nitems - 1), run, math.random(1, 1000000000), n)
  return wrk.format("POST", "/v1/events", {["Content-Type"] = "application/json"}, body)
end
