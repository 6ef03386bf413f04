-- Retention (trueline.journal.redis.ttl), shared by the scripts that keep a conversation alive: its log, state and
-- epoch keys expire ttl ms after its last record or lease renewal; with no ttl ('') they never expire, and keys that
-- had an expiry under an earlier setting lose it. The lease key keeps its own expiry, the lease time.
local function retain(log_key, state_key, epoch_key, ttl)
  for _, key in ipairs({log_key, state_key, epoch_key}) do
    if ttl == '' then
      redis.call('PERSIST', key)
    else
      redis.call('PEXPIRE', key, ttl)
    end
  end
end
