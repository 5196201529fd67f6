-- Every record of every kind, with the version its compare-and-set writes check.
CREATE TABLE deployer_records (
    kind       text        NOT NULL,
    id         text        NOT NULL,
    version    bigint      NOT NULL CHECK (version > 0),
    owner      text,
    status     text,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, id)
);

-- One owner's records of a kind (their 3Bots, sessions, payments) without reading anyone else's.
CREATE INDEX deployer_records_by_owner ON deployer_records (kind, owner, id) WHERE owner IS NOT NULL;

-- Records of a kind in one status (the sessions running a long step) without reading the others.
CREATE INDEX deployer_records_by_status ON deployer_records (kind, status, id) WHERE status IS NOT NULL;
