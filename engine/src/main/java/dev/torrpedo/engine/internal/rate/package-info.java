/**
 * Transfer rates measured over a sliding window on caller-supplied time: what request
 * pipelining sizes its queue by and what the choker ranks peers by.
 */
package dev.torrpedo.engine.internal.rate;
