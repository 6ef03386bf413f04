-- Renews a lease if it is still the holder's, keeps its conversation from expiring while it is held (retention), and
-- tells it whether a stop of its turn was asked (stop-request.lua).
-- KEYS: 1 lease, 2 stop, 3 log, 4 state, 5 epoch. ARGV: 1 epoch, 2 lease time (ms), 3 the retention ttl in ms ('' for
-- none). Returns {0} when the lease is gone or someone else's (it is never taken back), {1} when renewed, {1, seen}
-- when renewed and a stop was asked with that seen count.
local holder = redis.call('GET', KEYS[1])
if not holder or string.match(holder, '^%d+') ~= ARGV[1] then
  return {0}
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if ARGV[3] ~= '' then
  retain(KEYS[3], KEYS[4], KEYS[5], ARGV[3])
end
local asked = redis.call('GET', KEYS[2])
if asked then
  local epoch, seen = string.match(asked, '^(%d+) %d+ (%d+)$')
  if epoch == ARGV[1] then
    return {1, tonumber(seen)}
  end
end
return {1}
