-- Names the turn a lease runs, if it is still the holder's. KEYS: 1 lease. ARGV: 1 epoch, 2 purpose, 3 turn.
local holder = redis.call('GET', KEYS[1])
if holder and string.match(holder, '^%d+') == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. ARGV[2] .. ' ' .. ARGV[3], 'XX', 'KEEPTTL')
  return 1
end
return 0
