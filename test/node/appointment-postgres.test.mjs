// The appointment sync's contract on a real PostgreSQL server (npm test starts a throwaway
// PostgreSQL 15 cluster and sets DATABASE_URL; run alone, this file starts one itself).
import { postgresUrl } from './database-helpers.mjs';
import { appointmentContract } from './appointment-contract.mjs';

appointmentContract('PostgreSQL', await postgresUrl());
