-- wrk mix for GET /api/v2/usernames/check/company/1/{name} with a Bearer token:
-- 45% taken, 45% free, 10% breaking the company rules (two spaces in a row).
local users = tonumber(os.getenv("BENCH_USERS") or "1000000")
local headers = { ["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "none"), ["Accept"] = "application/json" }
local prefix = "/api/v2/usernames/check/company/1/"

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
end

function request()
  local r = math.random(100)
  local name
  if r <= 45 then
    name = string.format("user%07d", math.random(users))
  elseif r <= 90 then
    name = string.format("FB%07d", math.random(9999999))
  else
    name = "a%20%20b"
  end
  return wrk.format("GET", prefix .. name, headers)
end
