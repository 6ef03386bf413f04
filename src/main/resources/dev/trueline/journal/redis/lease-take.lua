-- Takes a conversation's lease if nobody holds it. KEYS: 1 lease, 2 epoch, 3 state. ARGV: 1 purpose, 2 lease time
-- (ms). Returns {'OK', epoch, open turn, its chunks} (the next fencing epoch, from INCR, and the turn the state still
-- has open, 0 for none: nobody holds its lease, so its writer is gone) or {'BUSY', holder}.
local holder = redis.call('GET', KEYS[1])
if holder then
  return {'BUSY', holder}
end
local epoch = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], epoch .. ' ' .. ARGV[1] .. ' 0', 'NX', 'PX', ARGV[2])
local state = redis.call('HMGET', KEYS[3], 'open', 'turn', 'written')
if state[1] == '1' then
  return {'OK', epoch, tonumber(state[2]), tonumber(state[3] or '0')}
end
return {'OK', epoch, 0, 0}
