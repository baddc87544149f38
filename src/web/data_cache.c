#include "web/data_cache.h"

#include "store/monitoring_store.h"

const struct mon_data *data_cache_get(struct data_cache *c, struct db *db, long long school_id)
{
	struct db_stamp now;
	if (db_stamp(db, &now) != 0)
		return NULL;
	if (c->valid && c->school_id == school_id && db_stamp_equal(&c->stamp, &now))
		return &c->data;
	data_cache_free(c);
	/* The stamp is read before loading: a commit landing in between
	 * leaves a stamp older than the data, so the next request reloads. */
	if (monitoring_store_load(db, school_id, &c->data) != 0) {
		mon_data_free(&c->data);
		return NULL;
	}
	c->valid = true;
	c->loads++;
	c->school_id = school_id;
	c->stamp = now;
	return &c->data;
}

void data_cache_free(struct data_cache *c)
{
	if (c->valid)
		mon_data_free(&c->data);
	c->valid = false;
}
