#include "util/resources.h"

#include <string.h>

#include "embedded.h"

const char *resource_find(const char *path, size_t *len)
{
	for (size_t i = 0; i < embedded_file_count; i++) {
		if (strcmp(embedded_files[i].path, path) == 0) {
			if (len)
				*len = embedded_files[i].len;
			return embedded_files[i].data;
		}
	}
	return NULL;
}
