package io.edvt.networking.transport.noise;

import java.util.Arrays;

/**
 * The {@code Noise_XX_25519_ChaChaPoly_SHA256} handshake with an empty prologue, as libp2p uses it:
 *
 * <pre>
 *   -> e
 *   <- e, ee, s, es
 *   -> s, se
 * </pre>
 *
 * Three messages; the caller alternates {@link #writeMessage} and {@link #readMessage} in the
 * pattern's order and then takes the transport ciphers with {@link #split()}. No I/O here.
 */
public final class XxHandshake {
  public static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";
  private static final int KEY = X25519KeyPair.KEY_LENGTH;
  private static final int TAG = CipherState.TAG_LENGTH;

  private final boolean initiator;
  private final SymmetricState state = new SymmetricState(PROTOCOL_NAME);
  private final X25519KeyPair s;
  private final X25519KeyPair e;
  private byte[] re;
  private byte[] rs;
  private int message;

  /**
   * @param s our static key
   * @param e our ephemeral key (fresh for every handshake; tests pass fixed ones for vectors)
   */
  public XxHandshake(boolean initiator, X25519KeyPair s, X25519KeyPair e, byte[] prologue) {
    this.initiator = initiator;
    this.s = s;
    this.e = e;
    state.mixHash(prologue);
  }

  public boolean isInitiator() {
    return initiator;
  }

  /** Whether this side writes the next message. */
  public boolean isMyTurn() {
    return (message % 2 == 0) == initiator;
  }

  public boolean isComplete() {
    return message == 3;
  }

  /** Writes the next handshake message carrying {@code payload}. */
  public byte[] writeMessage(byte[] payload) {
    if (!isMyTurn() || isComplete()) {
      throw new IllegalStateException("not our turn to write (message " + message + ")");
    }
    byte[] out;
    switch (message) {
      case 0 -> {
        state.mixHash(e.publicKey());
        out = concat(e.publicKey(), state.encryptAndHash(payload));
      }
      case 1 -> {
        state.mixHash(e.publicKey());
        state.mixKey(e.dh(re));
        byte[] encS = state.encryptAndHash(s.publicKey());
        state.mixKey(s.dh(re));
        out = concat(e.publicKey(), concat(encS, state.encryptAndHash(payload)));
      }
      default -> {
        byte[] encS = state.encryptAndHash(s.publicKey());
        state.mixKey(s.dh(re));
        out = concat(encS, state.encryptAndHash(payload));
      }
    }
    message++;
    return out;
  }

  /**
   * Reads the next handshake message and returns its payload.
   *
   * @throws NoiseException if it is too short or fails authentication
   */
  public byte[] readMessage(byte[] in) {
    if (isMyTurn() || isComplete()) {
      throw new IllegalStateException("not our turn to read (message " + message + ")");
    }
    byte[] payload;
    switch (message) {
      case 0 -> {
        need(in, KEY, "first");
        re = Arrays.copyOf(in, KEY);
        state.mixHash(re);
        payload = state.decryptAndHash(Arrays.copyOfRange(in, KEY, in.length));
      }
      case 1 -> {
        need(in, KEY + KEY + TAG + TAG, "second");
        re = Arrays.copyOf(in, KEY);
        state.mixHash(re);
        state.mixKey(e.dh(re));
        rs = state.decryptAndHash(Arrays.copyOfRange(in, KEY, KEY + KEY + TAG));
        state.mixKey(e.dh(rs));
        payload = state.decryptAndHash(Arrays.copyOfRange(in, KEY + KEY + TAG, in.length));
      }
      default -> {
        need(in, KEY + TAG + TAG, "third");
        rs = state.decryptAndHash(Arrays.copyOf(in, KEY + TAG));
        state.mixKey(e.dh(rs));
        payload = state.decryptAndHash(Arrays.copyOfRange(in, KEY + TAG, in.length));
      }
    }
    message++;
    return payload;
  }

  /** The remote static key (after the message that carries it). */
  public byte[] remoteStaticKey() {
    if (rs == null) {
      throw new IllegalStateException("the remote static key has not been received yet");
    }
    return rs.clone();
  }

  public byte[] handshakeHash() {
    return state.handshakeHash();
  }

  /** The transport ciphers: {@code [send, receive]} for this side. */
  public CipherState[] split() {
    if (!isComplete()) {
      throw new IllegalStateException("handshake not complete");
    }
    CipherState[] c = state.split();
    return initiator ? c : new CipherState[] {c[1], c[0]};
  }

  private static void need(byte[] in, int min, String which) {
    if (in.length < min) {
      throw new NoiseException("the " + which + " XX handshake message is " + in.length + " bytes, at least " + min + " needed");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
