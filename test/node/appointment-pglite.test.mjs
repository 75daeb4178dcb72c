// The appointment sync's contract on the embedded database (PGlite served on a local socket).
import { embedded } from './database-helpers.mjs';
import { appointmentContract } from './appointment-contract.mjs';

const db = await embedded();
appointmentContract('PGlite', db.connectionString);
