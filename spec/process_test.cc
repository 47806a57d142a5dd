// The process calls in Z3 (spec/process.cc, issue 13): every path is witnessed and agrees with
// model::Step or is proved unreachable; bugs planted in test-only copies are caught by the
// obligation that names them; a path wrongly declared unreachable fails.
#include <gtest/gtest.h>

#include "spec/prove.h"
#include "spec/test_util.h"

namespace zxspec::spec {
namespace {

const std::vector<OpSpec> kProcessOps = {ProcessCreateOp(), TaskKillOp(), ProcessStartOp()};

// PROC-010..032: each check of process_create, task_kill and process_start is reached (the
// process fixture: a handle without WRITE, a VMO without TRANSFER) and agrees with the model; the
// two checks no reachable state fails are proved unreachable, with the reason the encoding gives.
TEST(ProveProcess, EveryPathIsWitnessedOrProvedUnreachable) {
  ProveReport r = ProveAll(Only({"rights-monotone"}, /*paths=*/true), kProcessOps);
  EXPECT_TRUE(r.ok()) << FormatTable(r);
  EXPECT_GE(r.paths.size(), 23u);
  size_t unreachable = 0;
  for (const PathRow& p : r.paths) {
    EXPECT_TRUE(p.good()) << p.operation << " / " << p.path << ": " << p.detail;
    unreachable += p.unreachable ? 1 : 0;
  }
  EXPECT_EQ(unreachable, 2u);
  const PathRow* killed_job = FindPath(r, "process_create", "PROC-011 (5) ZX_ERR_BAD_STATE");
  ASSERT_NE(killed_job, nullptr);
  EXPECT_TRUE(killed_job->unreachable);
  EXPECT_EQ(killed_job->source, "proof");
  EXPECT_NE(killed_job->detail.find("lemma:one-job"), std::string::npos) << killed_job->detail;
  const PathRow* wrong_type = FindPath(r, "task_kill", "PROC-021 (3) ZX_ERR_WRONG_TYPE");
  ASSERT_NE(wrong_type, nullptr);
  EXPECT_TRUE(wrong_type->unreachable);
  const PathRow* no_write = FindPath(r, "process_start", "PROC-031 (1) ZX_ERR_ACCESS_DENIED");
  ASSERT_NE(no_write, nullptr);
  EXPECT_TRUE(no_write->witnessed && no_write->agrees) << no_write->detail;
}

// A declaration that a path is unreachable is checked, not trusted: process_start's TRANSFER
// check (PROC-031 (3)) declared unreachable fails, the fixture takes it.
Paths StartWithTransferCheckDeclaredUnreachable(const SymState& pre, const z3::expr& caller,
                                                const SymArgs& a) {
  Paths paths = ProcessStartOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.name == "PROC-031 (3) ZX_ERR_ACCESS_DENIED") p.unreachable = "planted";
  }
  return paths;
}

TEST(PlantedBugs, ReachablePathDeclaredUnreachableFails) {
  ProveReport r = ProveOperation(Planted(ProcessStartOp(), &StartWithTransferCheckDeclaredUnreachable),
                                 PathsOnly());
  EXPECT_FALSE(r.ok());
  const PathRow* p = FindPath(r, "process_start", "PROC-031 (3) ZX_ERR_ACCESS_DENIED");
  ASSERT_NE(p, nullptr);
  EXPECT_FALSE(p->good());
  EXPECT_FALSE(p->unreachable);
  EXPECT_NE(p->detail.find("declared unreachable (planted), but"), std::string::npos) << p->detail;
}

// PROC-032, FTP-028 planted: process_start installs the moved handle with WRITE added.
Paths StartAddsWrite(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = ProcessStartOp().step(pre, caller, a);
  for (Path& p : paths) {
    for (const Install& in : p.installs) {
      z3::expr more = p.post.h_rights(in.at) | U32(pre.ctx(), ZX_RIGHT_WRITE);
      p.post.h_rights = p.post.h_rights.Set(in.at, more);
    }
  }
  return paths;
}

TEST(PlantedBugs, StartMovingMoreRightsBreaksRightsMonotone) {
  ExpectEncodingBug(Planted(ProcessStartOp(), &StartAddsWrite), "rights-monotone", "process_start");
}

// PROC-002 (1) planted: task_kill leaves the killed process's handle table as it was, so a DEAD
// process holds handles (handles-valid).
Paths KillKeepsHandles(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = TaskKillOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.name != "PROC-022 ZX_OK") continue;
    p.post.h_alive = pre.h_alive;
    p.post.h_object = pre.h_object;
    p.post.h_rights = pre.h_rights;
  }
  return paths;
}

TEST(PlantedBugs, KillKeepingTheHandlesBreaksHandlesValid) {
  ExpectEncodingBug(Planted(TaskKillOp(), &KillKeepsHandles), "handles-valid", "task_kill");
}

// lemma:one-job planted: process_create records no job for the new process (proc_job 0), a state
// the model never has (PROC-012: the process belongs to the job it was created in).
Paths CreateWithoutJob(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = ProcessCreateOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.name != "PROC-012 ZX_OK") continue;
    z3::expr k = pre.next_koid(Args{});  // the new process's koid (NewObject)
    p.post.proc_job = p.post.proc_job.Set(k, U64(pre.ctx(), 0));
  }
  return paths;
}

TEST(PlantedBugs, CreateWithoutJobBreaksOneJob) {
  ExpectEncodingBug(Planted(ProcessCreateOp(), &CreateWithoutJob), "lemma:one-job", "process_create");
}

// lemma:one-resource planted: a handle_duplicate of a resource turns it into a ROOT resource, a
// resource the model never has (no call changes a resource).
Paths DuplicateMakesRoot(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  Paths paths = HandleDuplicateOp().step(pre, caller, a);
  for (Path& p : paths) {
    if (p.status != ZX_OK) continue;
    z3::expr k = pre.h_object(caller, a[0]);
    p.post.rsrc_kind = p.post.rsrc_kind.Set(k, U32(pre.ctx(), ZX_RSRC_KIND_ROOT));
  }
  return paths;
}

TEST(PlantedBugs, DuplicateMakingRootBreaksOneResource) {
  ExpectEncodingBug(Planted(HandleDuplicateOp(), &DuplicateMakesRoot), "lemma:one-resource",
                    "handle_duplicate");
}

}  // namespace
}  // namespace zxspec::spec
