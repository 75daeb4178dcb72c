// The store contract on a real PostgreSQL server (npm test starts a throwaway PostgreSQL 15
// cluster and sets DATABASE_URL; run alone, this file starts one itself).
import { opener, postgresUrl } from './database-helpers.mjs';
import { storeContract } from './store-contract.mjs';
import { sqlStoreContract } from './store-sql-contract.mjs';
import { jobIndexContract } from './job-index-sql-contract.mjs';

const open = opener(await postgresUrl());
storeContract('PostgreSQL', open);
sqlStoreContract('PostgreSQL', open);
jobIndexContract('PostgreSQL', open);
