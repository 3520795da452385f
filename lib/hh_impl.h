/* hh_impl.h - what only lib/ needs */
#ifndef HH_IMPL_H
#define HH_IMPL_H

#include <cjson/cJSON.h>

#include "hh.h"

#define HH_ERRMAX 512

#endif /* HH_IMPL_H */
