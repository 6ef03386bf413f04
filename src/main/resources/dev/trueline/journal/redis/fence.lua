-- The fencing check every write starts with. KEYS[3] is the conversation's lease; epoch is the writer's ('0' for a
-- writer without a lease). Returns nil when the write may go on, or the refusal to return.
local function fence(lease_key, epoch)
  local holder = redis.call('GET', lease_key)
  if epoch == '0' then
    if holder then
      return {'BUSY', holder}
    end
  elseif not holder or string.match(holder, '^%d+') ~= epoch then
    return {'FENCED', holder or ''}
  end
  return nil
end
