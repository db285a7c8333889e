package io.edvt.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.validator.duties.DutyCalculator;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeContribution;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /edvt/v1/validator/duties/attester|sync/{epoch}} on the API test chain's head state
 * (epoch 5, validator {@link ApiTestChain#GROUP_VALIDATOR} a 2-of-3 group): a member key, which has
 * no validator index, gets its duty with the group's validator index, its member index and its
 * virtual index at its place in the expanded committee; a plain validator's own key member 0 and its
 * own index; an unknown key nothing. Bad parameters are 400s naming them.
 *
 * <p>The server's {@link ValidatorService} answers the keyed duties with the node's
 * {@link DutyCalculator} on the head state (the beacon node's service does the same on its head
 * advanced to the epoch; {@code ValidatorClientMembersProcessIT} runs that end to end); everything
 * else it is not asked here.
 */
class EdvtValidatorApiTest {
  private static final long EPOCH = 5;
  private static ApiServer server;
  private static ApiTestChain chain;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    chain = ApiTestChain.get();
    StorageNodeData data = StorageNodeData.of(chain, java.util.Set.of());
    ValidatorService service = new HeadStateDuties(chain.versions, chain.headState());
    NodeData node = new NodeData() {
      @Override
      public SpecVersions versions() {
        return data.versions();
      }

      @Override
      public ChainReader chain() {
        return data.chain();
      }

      @Override
      public OperationPools pools() {
        return data.pools();
      }

      @Override
      public NetworkView network() {
        return data.network();
      }

      @Override
      public ChainEvents events() {
        return data.events();
      }

      @Override
      public Optional<ValidatorService> validators() {
        return Optional.of(service);
      }
    };
    server = new ApiServer(ApiConfig.local(0).withDocsEnabled(true), node).start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static String key(int validator, int member) {
    return EdvtFixtures.memberKey(validator, member).publicKey().toBytes().toHexString();
  }

  @Test
  void aMemberKeyGetsItsAttesterDutyByVirtualIndexInTheExpandedCommittee() throws Exception {
    String member = key(ApiTestChain.GROUP_VALIDATOR, 1);
    String plain = chain.headState().validators().get(7).pubkey().toHexString();
    String unknown = EdvtFixtures.freshKey(99).publicKey().toBytes().toHexString();
    JsonNode answer = ok(post("/edvt/v1/validator/duties/attester/" + EPOCH, "[\"" + member + "\", \"" + plain + "\", \"" + unknown
        + "\"]"));
    assertThat(answer.get("dependent_root").asText()).startsWith("0x");
    Map<String, JsonNode> byKey = new TreeMap<>();
    answer.get("data").forEach(d -> byKey.put(d.get("pubkey").asText(), d));
    assertThat(byKey.keySet()).containsExactlyInAnyOrder(member, plain);

    JsonNode m = byKey.get(member);
    long virtual = VirtualIndex.compute(ApiTestChain.GROUP_VALIDATOR, 1);
    assertThat(m.get("validator_index").asText()).isEqualTo(Integer.toString(ApiTestChain.GROUP_VALIDATOR));
    assertThat(m.get("member_index").asText()).isEqualTo("1");
    assertThat(m.get("virtual_index").asText()).isEqualTo(Long.toString(virtual));
    // the expanded committee of its slot and index holds the virtual index at validator_committee_index
    long[] committee = chain.versions.edvt().accessors().getExpandedBeaconCommittee(new MutableBeaconState(chain.headState()),
        UInt64.valueOf(m.get("slot").asText()), m.get("committee_index").asInt());
    assertThat(m.get("committee_length").asInt()).isEqualTo(committee.length);
    assertThat(committee[m.get("validator_committee_index").asInt()]).isEqualTo(virtual);
    assertThat(UInt64.valueOf(m.get("slot").asText()).dividedBy(8).longValue()).isEqualTo(EPOCH);

    JsonNode p = byKey.get(plain);
    assertThat(p.get("validator_index").asText()).isEqualTo("7");
    assertThat(p.get("member_index").asText()).isEqualTo("0");
    assertThat(p.get("virtual_index").asText()).isEqualTo("7");
  }

  @Test
  void syncSeatsOfMemberKeysAreTheSyncCommitteesPositionsOfTheirKeys() throws Exception {
    // every signing key of the chain: the group's three members and the plain validators' own keys
    List<String> keys = new ArrayList<>();
    for (int j = 0; j < ApiTestChain.GROUP_N; j++) {
      keys.add(key(ApiTestChain.GROUP_VALIDATOR, j));
    }
    for (int i = 0; i < ApiTestChain.VALIDATORS; i++) {
      if (i != ApiTestChain.GROUP_VALIDATOR) {
        keys.add(chain.headState().validators().get(i).pubkey().toHexString());
      }
    }
    JsonNode answer = ok(post("/edvt/v1/validator/duties/sync/" + EPOCH,
        keys.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(",", "[", "]"))));
    var seats = chain.headState().currentSyncCommittee().pubkeys();
    Map<String, List<Integer>> expected = new TreeMap<>();
    for (int i = 0; i < seats.size(); i++) {
      if (!keys.contains(seats.get(i).toHexString())) {
        continue;
      }
      expected.computeIfAbsent(seats.get(i).toHexString(), k -> new ArrayList<>()).add(i);
    }
    Map<String, List<Integer>> answered = new TreeMap<>();
    for (JsonNode d : answer.get("data")) {
      List<Integer> positions = new ArrayList<>();
      d.get("validator_sync_committee_indices").forEach(i -> positions.add(Integer.parseInt(i.asText())));
      answered.put(d.get("pubkey").asText(), positions);
      long virtual = Long.parseLong(d.get("virtual_index").asText());
      assertThat(VirtualIndex.validatorIndexOf(virtual)).isEqualTo(d.get("validator_index").asLong());
      assertThat(VirtualIndex.memberIndexOf(virtual)).isEqualTo(d.get("member_index").asLong());
    }
    assertThat(answered).isEqualTo(expected);
    long memberSeats = answer.get("data").findValues("member_index").stream().filter(i -> !i.asText().equals("0")).count();
    System.out.printf("sync committee: %d keys with seats, %d of them group members other than member 0%n", answered.size(),
        memberSeats);
  }

  @Test
  void badParametersAre400sNamingThem() throws Exception {
    String member = key(ApiTestChain.GROUP_VALIDATOR, 0);
    assertError(post("/edvt/v1/validator/duties/attester/x", "[\"" + member + "\"]"), "epoch 'x'");
    assertError(post("/edvt/v1/validator/duties/sync/5", "{\"ids\": []}"), "JSON array");
    assertError(post("/edvt/v1/validator/duties/attester/5", "[\"" + member + "\", \"0x1234\"]"), "body[1] '0x1234'");
    assertError(post("/edvt/v1/validator/duties/sync/5", "[5]"), "body[0] is not a string");
    assertError(post("/edvt/v1/validator/duties/attester/5", "[\"" + member.substring(2) + "\"]"), "body[0]");
  }

  @Test
  void theOpenApiDescriptionHasBothEndpointsWithSchemasThatResolve() throws Exception {
    JsonNode doc = ApiJson.MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + OpenApiDocument.PATH)).build(), HttpResponse.BodyHandlers.ofString()).body());
    assertThat(doc.get("paths").get("/edvt/v1/validator/duties/attester/{epoch}").get("post").get("operationId").asText())
        .isEqualTo("getSigningKeyAttesterDuties");
    assertThat(doc.get("paths").get("/edvt/v1/validator/duties/sync/{epoch}").get("post").get("operationId").asText())
        .isEqualTo("getSigningKeySyncDuties");
    List<String> refs = doc.findValuesAsText("$ref");
    assertThat(refs).contains("#/components/schemas/SigningKeyAttesterDuty", "#/components/parameters/Epoch");
    for (String ref : refs) {
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  private static void assertError(HttpResponse<String> r, String named) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains(named);
  }

  private static JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return ApiJson.MAPPER.readTree(r.body());
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The keyed duties from {@link DutyCalculator} on one state; nothing else is served. */
  private record HeadStateDuties(SpecVersions versions, BeaconState state) implements ValidatorService {
    private io.edvt.node.validator.duties.Duties duties(UInt64 epoch, List<Bytes48> pubkeys) {
      return new DutyCalculator(versions).duties(state, epoch, pubkeys.stream().map(BlsPublicKey::fromBytes).toList());
    }

    @Override
    public Duties<AttesterDuty> attesterDutiesOfKeys(UInt64 epoch, List<Bytes48> pubkeys) {
      return new Duties<>(Bytes32.ZERO, false, duties(epoch, pubkeys).attesters().stream().map(a -> new AttesterDuty(a.key().toBytes(),
          a.virtualIndex(), a.committeeIndex(), a.committeeLength(), a.committeesAtSlot(), a.positionInCommittee(), a.slot())).toList());
    }

    @Override
    public Duties<SyncDuty> syncDutiesOfKeys(UInt64 epoch, List<Bytes48> pubkeys) {
      return new Duties<>(Bytes32.ZERO, false, duties(epoch, pubkeys).syncMembers().stream().map(m -> new SyncDuty(m.key().toBytes(),
          m.virtualIndex(), m.positions())).toList());
    }

    @Override
    public Duties<AttesterDuty> attesterDuties(UInt64 epoch, List<UInt64> indices) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Duties<ProposerDuty> proposerDuties(UInt64 epoch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public AttestationData attestationData(UInt64 slot, UInt64 committeeIndex) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Produced produceBlock(UInt64 slot, Bytes randaoReveal, Optional<Bytes32> graffiti) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> publishBlock(SignedBeaconBlock block) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Attestation> aggregate(Bytes32 dataRoot, UInt64 slot, UInt64 committeeIndex) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> publishAggregate(SignedAggregateAndProof aggregate) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Duties<SyncDuty> syncDuties(UInt64 epoch, List<UInt64> indices) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> publishSyncCommitteeMessage(SyncCommitteeMessage message) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<SyncCommitteeContribution> syncContribution(UInt64 slot, UInt64 subcommitteeIndex, Bytes32 blockRoot) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> publishContribution(SignedContributionAndProof contribution) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void subscribeSync(List<SyncSubscription> subscriptions) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void subscribe(List<Subscription> subscriptions) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void prepareProposer(UInt64 validatorIndex, Bytes feeRecipient) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Boolean> liveness(UInt64 epoch, List<UInt64> indices) {
      throw new UnsupportedOperationException();
    }
  }
}
