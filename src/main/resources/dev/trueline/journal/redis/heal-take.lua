-- Takes the lease of a conversation whose writer is gone, to journal the terminal record of the turn it left open:
-- only when nobody holds the lease and the state still has that turn open. The lease names the turn, so followers
-- wait for the healed end instead of ending without it.
-- KEYS: 1 lease, 2 epoch, 3 state. ARGV: 1 turn, 2 lease time (ms).
-- Returns {'OK', epoch, chunks written}, {'NONE'} (the turn is not open: it has its end) or {'BUSY'} (it is open and
-- someone holds the lease: a healer or a new turn is journaling its end right now).
local state = redis.call('HMGET', KEYS[3], 'open', 'turn', 'written')
if state[1] ~= '1' or state[2] ~= ARGV[1] then
  return {'NONE'}
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {'BUSY'}
end
local epoch = redis.call('INCR', KEYS[2])
-- epochs are in the server clock's microseconds (lease-take.lua): as a Lua number this large, '..' would write it in
-- exponent notation
redis.call('SET', KEYS[1], string.format('%d', epoch) .. ' TURN ' .. ARGV[1], 'NX', 'PX', ARGV[2])
return {'OK', epoch, tonumber(state[3] or '0')}
