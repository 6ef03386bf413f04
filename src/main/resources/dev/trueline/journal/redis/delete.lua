-- Deletes a conversation's stream and state, fenced like an append. The epoch key stays, so epochs never repeat.
-- KEYS: 1 log, 2 state, 3 lease. ARGV: 1 epoch ('0': no lease). Returns {'OK', 1 or 0 (whether it existed)}.
local refused = fence(KEYS[3], ARGV[1])
if refused then
  return refused
end
local existed = redis.call('EXISTS', KEYS[1])
redis.call('DEL', KEYS[1], KEYS[2])
return {'OK', existed}
