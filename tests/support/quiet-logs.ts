// Unit tests load the logger from source; its JSON lines would bury Jest's report.
process.env.PRAKERJA_LOG_LEVEL = 'silent';
