-- GET /v1/users/{u}/recommendations for random known users (ids 0..NUSERS-1) of one model.
local model = os.getenv("MODEL")
local nusers = tonumber(os.getenv("NUSERS"))
local k = os.getenv("K") or "10"

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or 42)
end

request = function()
  local u = math.random(0, nusers - 1)
  return wrk.format("GET", "/v1/users/" .. u .. "/recommendations?k=" .. k .. "&model=" .. model)
end
