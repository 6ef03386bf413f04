-- Takes a conversation's lease if nobody holds it. KEYS: 1 lease, 2 epoch. ARGV: 1 purpose, 2 lease time (ms).
-- Returns {'OK', epoch} (the next fencing epoch, from INCR) or {'BUSY', holder}.
local holder = redis.call('GET', KEYS[1])
if holder then
  return {'BUSY', holder}
end
local epoch = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], epoch .. ' ' .. ARGV[1] .. ' 0', 'NX', 'PX', ARGV[2])
return {'OK', epoch}
