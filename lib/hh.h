/* hh.h - the shared library behind the hh-* commands: what cmd/ includes.
 * The library in four layers, each header including the one below
 * (hh(7) ARCHITECTURE): core.h (the rules), sys.h (the process), store.h
 * (git), desk.h (the records tree at work, the commands' common parts). */
#ifndef HH_H
#define HH_H

#include "desk.h"

#endif /* HH_H */
