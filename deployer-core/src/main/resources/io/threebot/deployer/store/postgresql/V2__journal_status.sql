-- Deployment journals carry their outcome as their status, so the sweep finds the journals that ended through the
-- status index; journals written before they did get it from their outcome.
UPDATE deployer_records SET status = (value::jsonb) ->> 'outcome'
    WHERE kind = 'deployments' AND status IS NULL AND (value::jsonb) ->> 'outcome' IS NOT NULL;
