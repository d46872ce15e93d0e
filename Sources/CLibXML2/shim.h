#ifndef PIPE_CLIBXML2_SHIM_H
#define PIPE_CLIBXML2_SHIM_H
// The ICU type clash: xmlversion.h may enable ICU support whose headers clash
// with the toolchain's own ICU; nothing here needs it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <libxml/xpath.h>
#include <stdlib.h>

/// xmlFree is a global function pointer that Swift 6 refuses to call.
static inline void pipe_xmlFree(void *pointer) { xmlFree(pointer); }
#endif
