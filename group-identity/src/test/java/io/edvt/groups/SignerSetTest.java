package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignerSetTest {

  @Test
  void holdsEachMemberOnceWhateverTheInput() {
    SignerSet set = SignerSet.of(3, 1, 3, 1, 1);
    assertThat(set.count()).isEqualTo(2);
    assertThat(set.toArray()).containsExactly(1, 3);
    assertThat(set.with(3)).isEqualTo(set);
  }

  @Test
  void iteratesMembersInAscendingOrder() {
    SignerSet set = SignerSet.of(15, 0, 7);
    assertThat(set.stream().toArray()).containsExactly(0, 7, 15);
    assertThat(set.iterator().nextInt()).isZero();
    assertThat(set.highestMember()).isEqualTo(15);
    assertThat(SignerSet.EMPTY.highestMember()).isEqualTo(-1);
    assertThat(set.toString()).isEqualTo("{0, 7, 15}");
  }

  @Test
  void coversExactlySixteenMembers() {
    assertThat(SignerSet.CAPACITY).isEqualTo(GroupKeySet.MAX_GROUP_SIZE);
    assertThat(SignerSet.firstMembers(16).count()).isEqualTo(16);
    assertThatThrownBy(() -> SignerSet.of(16)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignerSet.of(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignerSet.fromBits(1 << 16)).isInstanceOf(IllegalArgumentException.class);
    assertThat(SignerSet.of(0, 1).contains(16)).isFalse();
    assertThat(SignerSet.of(0, 1).contains(-1)).isFalse();
  }

  @Test
  void tellsWhetherEveryMemberFitsAGroupSize() {
    SignerSet set = SignerSet.of(0, 4);
    assertThat(set.fitsWithin(5)).isTrue();
    assertThat(set.fitsWithin(4)).isFalse();
    assertThat(SignerSet.EMPTY.fitsWithin(0)).isTrue();
    assertThat(SignerSet.of(15).fitsWithin(16)).isTrue();
  }

  @Test
  void roundTripsThroughBitsAndBitvectors() {
    SignerSet set = SignerSet.of(1, 2, 9);
    assertThat(SignerSet.fromBits(set.bits())).isEqualTo(set);
    boolean[] vector = set.toBooleans(10);
    assertThat(vector).containsExactly(false, true, true, false, false, false, false, false, false, true);
    assertThat(SignerSet.fromBooleans(vector)).isEqualTo(set);
    assertThatThrownBy(() -> set.toBooleans(9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignerSet.fromBooleans(new boolean[17])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void combinesLikeSets() {
    SignerSet a = SignerSet.of(0, 1, 2);
    SignerSet b = SignerSet.of(2, 3);
    assertThat(a.union(b)).isEqualTo(SignerSet.of(0, 1, 2, 3));
    assertThat(a.intersection(b)).isEqualTo(SignerSet.of(2));
    assertThat(a.without(1)).isEqualTo(SignerSet.of(0, 2));
    assertThat(SignerSet.firstMembers(0)).isEqualTo(SignerSet.EMPTY);
    assertThat(SignerSet.EMPTY.isEmpty()).isTrue();
  }
}
