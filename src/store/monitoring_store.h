/* Loading everything the monitoring reports read into compact arrays. */
#ifndef WAYMARK_MONITORING_STORE_H
#define WAYMARK_MONITORING_STORE_H

#include "domain/monitoring.h"
#include "store/db.h"

/* Loads the school's programme, calendars, pupils, enrolments, events,
 * marks, selections and guidance meetings into d (which it initialises).
 * 0 on success, -1 on error (d is then empty but must still be freed with
 * mon_data_free). A school with no programme loads as an empty programme. */
int monitoring_store_load(struct db *db, long long school_id, struct mon_data *d);

#endif
