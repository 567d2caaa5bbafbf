/* uapi constants newer than bookworm's linux/bpf.h (6.1). Values are kernel ABI, never change. */
#ifndef BPFCOMPAT_VALIDATOR_UAPI_COMPAT_H
#define BPFCOMPAT_VALIDATOR_UAPI_COMPAT_H

#define BPFC_PROG_TYPE_NETFILTER 32
#define BPFC_NETFILTER 45
#define BPFC_TCX_INGRESS 46
#define BPFC_TCX_EGRESS 47
#define BPFC_NETKIT_PRIMARY 54
#define BPFC_NETKIT_PEER 55

#define BPFC_NFPROTO_IPV4 2
#define BPFC_NF_INET_LOCAL_IN 1

#endif
