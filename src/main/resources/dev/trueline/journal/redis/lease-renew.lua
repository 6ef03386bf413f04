-- Renews a lease if it is still the holder's. KEYS: 1 lease. ARGV: 1 epoch, 2 lease time (ms). Returns 1, or 0 when
-- the lease is gone or someone else's (it is never taken back).
local holder = redis.call('GET', KEYS[1])
if holder and string.match(holder, '^%d+') == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
