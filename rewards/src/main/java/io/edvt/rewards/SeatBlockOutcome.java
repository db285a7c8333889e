package io.edvt.rewards;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.edvt.infrastructure.unsigned.UInt64;

/**
 * One block of sync committee seats (one draw of one validator) under the EDVT rule of
 * {@link GroupSyncCommitteeRule}.
 *
 * @param validatorIndex the validator whose members hold the seats
 * @param firstSeat the seat of its member 0
 * @param blockSize the number of seats ({@code n}, fewer if the committee ended first)
 * @param threshold the bits the block needs: {@code ceil(m * blockSize / n)}
 * @param setBits the block's participation bits that are set
 * @param earned {@code setBits >= threshold}
 * @param reward {@code blockSize} participant rewards, negative when not earned (Gwei)
 */
@JsonPropertyOrder({"validator_index", "first_seat", "block_size", "threshold", "set_bits", "earned", "reward"})
public record SeatBlockOutcome(
    @JsonProperty("validator_index") @JsonSerialize(using = ToStringSerializer.class) UInt64 validatorIndex,
    @JsonProperty("first_seat") int firstSeat,
    @JsonProperty("block_size") int blockSize,
    @JsonProperty("threshold") int threshold,
    @JsonProperty("set_bits") int setBits,
    @JsonProperty("earned") boolean earned,
    @JsonProperty("reward") @JsonFormat(shape = JsonFormat.Shape.STRING) long reward) {}
