-- wrk mix for POST /api/v2/usernames/check/company/1 with a Bearer token: 1000 names a request,
-- the same mix as v2.lua (45% taken, 45% free, 10% breaking the company rules). Each invalid name
-- is different ("a  b" and a number), so that a request holds no repeats but by chance.
local users = tonumber(os.getenv("BENCH_USERS") or "1000000")
local size = tonumber(os.getenv("BENCH_BULK_NAMES") or "1000")
local headers = {
  ["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "none"),
  ["Accept"] = "application/json",
  ["Content-Type"] = "application/json",
}
local path = "/api/v2/usernames/check/company/1"

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
end

function request()
  local names = {}
  for i = 1, size do
    local r = math.random(100)
    if r <= 45 then
      names[i] = string.format('"user%07d"', math.random(users))
    elseif r <= 90 then
      names[i] = string.format('"FB%07d"', math.random(9999999))
    else
      names[i] = string.format('"a  b%d"', i)
    end
  end
  return wrk.format("POST", path, headers, '{"usernames":[' .. table.concat(names, ",") .. ']}')
end
