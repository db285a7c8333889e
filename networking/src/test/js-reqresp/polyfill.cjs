// Node 20 lacks Promise.withResolvers, which js-libp2p 3.x uses; define it only when missing.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function () {
    let resolve, reject
    const promise = new this((a, b) => { resolve = a; reject = b })
    return { promise, resolve, reject }
  }
}
