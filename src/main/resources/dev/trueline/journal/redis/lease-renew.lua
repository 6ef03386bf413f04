-- Renews a lease if it is still the holder's, and keeps its conversation from expiring while it is held (retention).
-- KEYS: 1 lease, 2 log, 3 state, 4 epoch. ARGV: 1 epoch, 2 lease time (ms), 3 the retention ttl in ms ('' for none).
-- Returns 1, or 0 when the lease is gone or someone else's (it is never taken back).
local holder = redis.call('GET', KEYS[1])
if holder and string.match(holder, '^%d+') == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  if ARGV[3] ~= '' then
    retain(KEYS[2], KEYS[3], KEYS[4], ARGV[3])
  end
  return 1
end
return 0
