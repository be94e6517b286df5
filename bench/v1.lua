-- wrk mix for POST /api/v1/iam/check-user-existence/: 45% taken, 45% free, 10% invalid names.
-- The same requests go to namecheck and to the reference server.
local users = tonumber(os.getenv("BENCH_USERS") or "1000000")
local headers = { ["Content-Type"] = "application/json" }
local path = "/api/v1/iam/check-user-existence/"

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
end

function request()
  local r = math.random(100)
  local name
  if r <= 45 then
    name = string.format("user%07d", math.random(users))
  elseif r <= 90 then
    name = string.format("free%07d", math.random(9999999))
  else
    name = "a"
  end
  return wrk.format("POST", path, headers, '{"username":"' .. name .. '"}')
end
