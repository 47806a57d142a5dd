// Generators for the handle family: zx_handle_close, zx_handle_duplicate, zx_handle_replace
// (handles-rights.md HANDLE-010..033).
#include "props/gen_calls.h"

namespace zxspec::props {

namespace gen = rc::gen;


// A handle of the caller (every object type can be closed), and the gen.h handle biases: stale
// values, 0 (HANDLE-010) and never-valid values (HANDLE-011).
rc::Gen<Call> GenHandleClose(const ViewPtr& v) {
  return gen::map(GenHandleToGiveUp(v), [](zx_handle_t h) { return Call{HandleClose{h}}; });
}

// HANDLE-020..023: the rights argument is derived from the chosen handle's rights (SAME_RIGHTS,
// subsets, one short of a need, one extra bit).
rc::Gen<Call> GenHandleDuplicate(const ViewPtr& v) {
  return gen::exec([v] {
    HandleDuplicate c;
    c.handle = *GenHandle(v, ZX_OBJ_TYPE_NONE);
    c.rights = *GenDerivedRights(v, c.handle);
    return Call{c};
  });
}

// HANDLE-030..032, including the INVALID_ARGS path that closes the input (HANDLE-031).
rc::Gen<Call> GenHandleReplace(const ViewPtr& v) {
  return gen::exec([v] {
    HandleReplace c;
    c.handle = *GenHandleToGiveUp(v);
    c.rights = *GenDerivedRights(v, c.handle);
    return Call{c};
  });
}

}  // namespace zxspec::props
